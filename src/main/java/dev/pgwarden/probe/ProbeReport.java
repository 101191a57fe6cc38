package dev.pgwarden.probe;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code pgwarden probe} writes: where and when histograms were collected, the histograms, and the
 * host's facts.
 * {@link ProbeEnvelopeWriter} stores it as JSON with snake_case names (see docs/probe.md).
 *
 * @param format          envelope version, {@value #FORMAT}
 * @param host            host name the probe ran on
 * @param kernel          kernel release ({@code uname -r})
 * @param bpftraceVersion bpftrace's own version line, for example {@code bpftrace v0.17.0}; null from
 *                        {@code probe --host-only}, which runs no bpftrace
 * @param postmasterPid   the cluster whose children were traced; 0 when not known: {@code probe --url} alone
 *                        samples over SQL and never sees the host
 * @param startedAt       when tracing began
 * @param durationS       seconds actually traced (shorter than asked when interrupted)
 * @param histograms      by name: {@code reads}, {@code device_reads}, {@code device_io}; none from
 *                        {@code probe --host-only}
 * @param hostFacts       filesystems and memory of the host; null in envelopes of format 1
 * @param signals         which signals were measured and why others were not; none before format 3
 * @param trace           what the server's USDT probes showed; {@link PostgresTrace#none()} before format 3
 * @param waitEvents      the wait-event profile sampled from pg_stat_activity in the same window; null when the
 *                        probe was given no {@code --url}
 */
public record ProbeReport(String format, String host, String kernel, String bpftraceVersion, long postmasterPid,
                          Instant startedAt, double durationS, Map<String, LatencyHistogram> histograms,
                          HostFacts hostFacts, ProbeSignals signals, PostgresTrace trace, WaitEventProfile waitEvents) {

    /** The envelope version this code writes. */
    public static final String FORMAT = "pgwarden-probe/3";
    /** Versions this code reads: 1 had no host facts, 2 no signals and no USDT sections. */
    static final java.util.Set<String> READABLE = java.util.Set.of("pgwarden-probe/1", "pgwarden-probe/2", FORMAT);

    /** A report without signals or USDT sections, as format 2 wrote them. */
    public ProbeReport(String format, String host, String kernel, String bpftraceVersion, long postmasterPid,
                       Instant startedAt, double durationS, Map<String, LatencyHistogram> histograms,
                       HostFacts hostFacts) {
        this(format, host, kernel, bpftraceVersion, postmasterPid, startedAt, durationS, histograms, hostFacts,
                ProbeSignals.none(), PostgresTrace.none(), null);
    }

    /** A report without a wait-event profile: a probe given no {@code --url}. */
    public ProbeReport(String format, String host, String kernel, String bpftraceVersion, long postmasterPid,
                       Instant startedAt, double durationS, Map<String, LatencyHistogram> histograms,
                       HostFacts hostFacts, ProbeSignals signals, PostgresTrace trace) {
        this(format, host, kernel, bpftraceVersion, postmasterPid, startedAt, durationS, histograms, hostFacts,
                signals, trace, null);
    }

    public ProbeReport {
        requireText(format, "format");
        requireText(host, "host");
        requireText(kernel, "kernel");
        if (histograms != null && !histograms.isEmpty()) {
            requireText(bpftraceVersion, "bpftraceVersion");
        }
        if (postmasterPid < 0 || postmasterPid == 0 && (histograms == null || !histograms.isEmpty() || hostFacts != null)) {
            throw new IllegalArgumentException("postmasterPid must be positive, was " + postmasterPid);
        }
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        if (!(durationS >= 0)) {
            throw new IllegalArgumentException("durationS must not be negative, was " + durationS);
        }
        histograms = OrderedMaps.copyOf(Objects.requireNonNull(histograms, "histograms must not be null"));
        histograms.forEach((name, histogram) -> {
            if (!name.equals(histogram.name())) {
                throw new IllegalArgumentException(
                        "histograms key " + name + " must equal the histogram's name " + histogram.name());
            }
        });
        signals = signals == null ? ProbeSignals.none() : signals;
        trace = trace == null ? PostgresTrace.none() : trace;
    }

    /** Why {@code probe --url} alone measured no traced signal. */
    public static final String NO_CLUSTER = "the probe traced no cluster (probe --url alone samples pg_stat_activity;"
            + " run it on the database host as root with --data-dir to trace)";

    /** The envelope of {@code probe --url} without a cluster to trace: the wait-event profile alone. */
    public static ProbeReport sampledOnly(WaitEventProfile profile, String host) {
        return sampledOnly(profile, host, NO_CLUSTER);
    }

    /**
     * The envelope of a probe that sampled the wait events but traced nothing.
     *
     * @param notTraced why the traced signals were not measured (no cluster given, not root, tracefs not
     *                  mounted, bpftrace missing …)
     */
    public static ProbeReport sampledOnly(WaitEventProfile profile, String host, String notTraced) {
        ProbeSignals signals = ProbeSignals.none()
                .withAll(SignalSelection.TRACED, SignalStatus.missing(notTraced))
                .with(ProbeSignals.WAIT_EVENTS, waitEventStatus(profile));
        return new ProbeReport(FORMAT, host, System.getProperty("os.version"), null, 0, profile.startedAt(),
                profile.durationS(), Map.of(), null, signals, PostgresTrace.none(), profile);
    }

    /** The same probe with the wait-event profile sampled in its window. */
    public ProbeReport withWaitEvents(WaitEventProfile profile) {
        return new ProbeReport(format, host, kernel, bpftraceVersion, postmasterPid, startedAt, durationS, histograms,
                hostFacts, signals.with(ProbeSignals.WAIT_EVENTS, waitEventStatus(profile)), trace, profile);
    }

    private static SignalStatus waitEventStatus(WaitEventProfile profile) {
        return profile.measured() ? SignalStatus.wasMeasured() : SignalStatus.missing(profile.reason());
    }

    /** The envelope of {@code probe --host-only}: host facts of a running cluster, no histograms. */
    public static ProbeReport hostOnly(HostFacts facts, long postmasterPid) {
        return new ProbeReport(FORMAT, facts.host(), System.getProperty("os.version"), null, postmasterPid,
                facts.collectedAt(), 0, Map.of(), facts);
    }

    /** A probe that traced nothing: {@code probe --host-only}, which runs without bpftrace. */
    public boolean hostOnly() {
        return hostOnly(histograms, hostFacts);
    }

    /** Whether this is the envelope of {@code probe --url} alone: a wait-event profile and no histograms. */
    public boolean waitEventsOnly() {
        return histograms.isEmpty() && hostFacts == null && waitEvents != null;
    }

    private static boolean hostOnly(Map<String, LatencyHistogram> histograms, HostFacts hostFacts) {
        return hostFacts != null && histograms != null && histograms.isEmpty();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
