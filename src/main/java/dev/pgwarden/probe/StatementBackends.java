package dev.pgwarden.probe;

import java.util.List;

/**
 * In how many client backends the probe traces statements and LWLock waits ({@code probe --statement-backends}):
 * every backend, with one bpftrace for the whole cluster, or a sample of at most {@code limit} backends at once, each
 * with a bpftrace of its own ({@link BackendTracers}). Statements are timed on the backends' sockets by syscall
 * tracepoints, a few microseconds per statement, so every backend is traced by default; a sample keeps the LWLock
 * waits' uprobes (and the statements' bookkeeping) to a few backends.
 *
 * @param limit the most backends traced at once; 0 for every backend
 */
public record StatementBackends(int limit) {

    /** The option of {@code pgwarden probe} that sets it. */
    public static final String OPTION = "--statement-backends";

    /** {@code --statement-backends all}. */
    public static final String ALL = "all";

    /**
     * The default: every backend. Timed on the socket, a statement costs about 3 µs of the backend's CPU (a
     * {@code SELECT 1} loop: 18.4 to 21-24 µs per statement), against 10-13 µs with PostgreSQL's query__start and
     * query__done USDT probes (README, docs/probe.md).
     */
    public static final String DEFAULT = ALL;

    /** The signals traced per sampled backend; LWLock waits go with statements, whose time their share is of. */
    static final List<String> SIGNALS = List.of(ProbeSignals.STATEMENTS, ProbeSignals.LWLOCK_WAITS);

    public StatementBackends {
        if (limit < 0) {
            throw new IllegalArgumentException("the number of backends must be positive or 'all', was " + limit);
        }
    }

    /** Every backend traced, by one global bpftrace. */
    public static StatementBackends all() {
        return new StatementBackends(0);
    }

    /** A number of backends, or {@value #ALL}, as {@code --statement-backends} takes it. */
    public static StatementBackends parse(String text) {
        String value = text.strip();
        if (value.equals(ALL)) {
            return all();
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit <= 0) {
                throw new IllegalArgumentException("expected a positive number of backends or 'all', was '" + text + "'");
            }
            return new StatementBackends(limit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number of backends or 'all', was '" + text + "'", e);
        }
    }

    public boolean sampled() {
        return limit > 0;
    }

    /** Whether this signal is traced per sampled backend rather than by the main bpftrace. */
    boolean perBackend(String signal) {
        return sampled() && SIGNALS.contains(signal);
    }

    @Override
    public String toString() {
        return sampled() ? Integer.toString(limit) : ALL;
    }
}
