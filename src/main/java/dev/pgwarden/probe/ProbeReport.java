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
 * @param waitEvents      the wait-event profile sampled from pg_stat_activity in the same window; null when the
 *                        probe was given no {@code --url}
 */
public record ProbeReport(String format, String host, String kernel, String bpftraceVersion, long postmasterPid,
                          Instant startedAt, double durationS, Map<String, LatencyHistogram> histograms,
                          HostFacts hostFacts, WaitEventProfile waitEvents) {

    /** The envelope version this code writes. */
    public static final String FORMAT = "pgwarden-probe/2";
    /** Versions this code reads: 1 had no host facts. */
    static final java.util.Set<String> READABLE = java.util.Set.of("pgwarden-probe/1", FORMAT);

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
    }

    /** Without a wait-event profile: a probe given no {@code --url}. */
    public ProbeReport(String format, String host, String kernel, String bpftraceVersion, long postmasterPid,
                       Instant startedAt, double durationS, Map<String, LatencyHistogram> histograms, HostFacts hostFacts) {
        this(format, host, kernel, bpftraceVersion, postmasterPid, startedAt, durationS, histograms, hostFacts, null);
    }

    /** The envelope of {@code probe --url} without a cluster to trace: the wait-event profile alone. */
    public static ProbeReport sampledOnly(WaitEventProfile profile, String host) {
        return new ProbeReport(FORMAT, host, System.getProperty("os.version"), null, 0, profile.startedAt(),
                profile.durationS(), Map.of(), null, profile);
    }

    /** The same probe with the wait-event profile sampled in its window. */
    public ProbeReport withWaitEvents(WaitEventProfile profile) {
        return new ProbeReport(format, host, kernel, bpftraceVersion, postmasterPid, startedAt, durationS, histograms,
                hostFacts, profile);
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

    private static boolean hostOnly(Map<String, LatencyHistogram> histograms, HostFacts hostFacts) {
        return hostFacts != null && histograms != null && histograms.isEmpty();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
