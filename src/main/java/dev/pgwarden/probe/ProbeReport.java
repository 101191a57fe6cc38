package dev.pgwarden.probe;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code pgwarden probe} writes: where and when histograms were collected, and the histograms.
 * {@link ProbeEnvelopeWriter} stores it as JSON with snake_case names (see docs/probe.md).
 *
 * @param format          envelope version, {@value #FORMAT}
 * @param host            host name the probe ran on
 * @param kernel          kernel release ({@code uname -r})
 * @param bpftraceVersion bpftrace's own version line, for example {@code bpftrace v0.17.0}
 * @param postmasterPid   the cluster whose children were traced
 * @param startedAt       when tracing began
 * @param durationS       seconds actually traced (shorter than asked when interrupted)
 * @param histograms      by name: {@code reads}, {@code device_reads}, {@code device_io}
 */
public record ProbeReport(String format, String host, String kernel, String bpftraceVersion, long postmasterPid,
                          Instant startedAt, double durationS, Map<String, LatencyHistogram> histograms) {

    /** The envelope version this code writes and reads. */
    public static final String FORMAT = "pgwarden-probe/1";

    public ProbeReport {
        requireText(format, "format");
        requireText(host, "host");
        requireText(kernel, "kernel");
        requireText(bpftraceVersion, "bpftraceVersion");
        if (postmasterPid <= 0) {
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

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
