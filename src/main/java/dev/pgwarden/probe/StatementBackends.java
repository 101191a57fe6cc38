package dev.pgwarden.probe;

import java.util.List;

/**
 * In how many client backends the probe traces statements and LWLock waits ({@code probe --statement-backends}):
 * every backend, with one bpftrace for the whole cluster, or a sample of at most {@code limit} backends at once, each
 * with a bpftrace of its own ({@link BackendTracers}). The USDT probes of statements cost a trap in every process
 * they are attached to; traced in a sample they cost the others nothing.
 *
 * @param limit the most backends traced at once; 0 for every backend
 */
public record StatementBackends(int limit) {

    /** The option of {@code pgwarden probe} that sets it. */
    public static final String OPTION = "--statement-backends";

    /** {@code --statement-backends all}. */
    public static final String ALL = "all";

    /**
     * The default sample: one backend. Under pgbench TPC-B with 4 clients (bench/run --probe) tracing every backend's
     * statements added about 140 µs of the cluster's CPU to a transaction of about 550, a sample of two about 90 and a
     * sample of one about 70 (medians of the pairs' differences; README, docs/probe.md).
     */
    public static final String DEFAULT = "1";

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
