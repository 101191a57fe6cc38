package dev.pgwarden.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which signals one probe run measured, by name ({@value #STATEMENTS}, {@value #LOCK_WAITS}, …), written to the
 * envelope's {@code signals} object. A signal the run never considered is absent; {@link #status} then says so.
 *
 * @param statuses by signal name, in the order they were recorded
 */
public record ProbeSignals(Map<String, SignalStatus> statuses) {

    /** Statement latency timed on the backends' client sockets (syscall tracepoints: no USDT probes needed). */
    public static final String STATEMENTS = "statements";
    /** Heavyweight lock waits from lock__wait__start/done. */
    public static final String LOCK_WAITS = "lock_waits";
    /** LWLock waits from lwlock__wait__start/done. */
    public static final String LWLOCK_WAITS = "lwlock_waits";
    /** Relation reads from smgr__md__read__start/done. */
    public static final String RELATION_READS = "relation_reads";
    /** The wait-event profile sampled from pg_stat_activity. */
    public static final String WAIT_EVENTS = "wait_events";
    /** The read-call histograms from the pread tracepoints. */
    public static final String READS = "reads";

    /** The signals the USDT probes of the server's binary give. */
    public static final List<String> USDT = List.of(LOCK_WAITS, LWLOCK_WAITS, RELATION_READS);

    public ProbeSignals {
        statuses = OrderedMaps.copyOf(Objects.requireNonNull(statuses, "statuses must not be null"));
    }

    public static ProbeSignals none() {
        return new ProbeSignals(Map.of());
    }

    /** These signals with one more (or one replaced). */
    public ProbeSignals with(String signal, SignalStatus status) {
        Map<String, SignalStatus> copy = new LinkedHashMap<>(statuses);
        copy.put(signal, status);
        return new ProbeSignals(copy);
    }

    /** These signals with each of {@code signals} set to the same status. */
    public ProbeSignals withAll(List<String> signals, SignalStatus status) {
        ProbeSignals result = this;
        for (String signal : signals) {
            result = result.with(signal, status);
        }
        return result;
    }

    /** The recorded status, or a missing one saying the probe that wrote the file did not measure it. */
    public SignalStatus status(String signal) {
        return Optional.ofNullable(statuses.get(signal)).orElseGet(() -> SignalStatus.missing(
                "the probe file does not measure " + signal + " (written by an older pgwarden probe, or --host-only)"));
    }
}
