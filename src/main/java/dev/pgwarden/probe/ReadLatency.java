package dev.pgwarden.probe;

import java.util.Optional;

/**
 * Read latency of one cluster as rules see it: the sample count and the p50, p95 and p99
 * estimates with the bounds of the log2 bucket each fell into (see {@link PercentileEstimator}
 * for what the estimate means). An upper bound of {@code null} means the open last bucket.
 *
 * @param histogram name of the histogram judged, for example {@code reads}
 * @param samples   number of reads measured, at least one
 * @param source    where the histogram came from, for evidence
 */
public record ReadLatency(String histogram, long samples,
                          double p50Us, long p50LowerUs, Long p50UpperUs,
                          double p95Us, long p95LowerUs, Long p95UpperUs,
                          double p99Us, long p99LowerUs, Long p99UpperUs,
                          String source) {

    public ReadLatency {
        if (histogram == null || histogram.isBlank()) {
            throw new IllegalArgumentException("histogram must not be blank");
        }
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, was " + samples);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
    }

    /** The fact for a reading, or empty when it has no samples (nothing to judge). */
    public static Optional<ReadLatency> of(ProbeReading reading) {
        LatencyHistogram h = reading.histogram();
        PercentileEstimator estimator = new PercentileEstimator();
        Optional<Percentile> p50 = estimator.estimate(h, 0.50);
        if (p50.isEmpty()) {
            return Optional.empty();
        }
        Percentile p95 = estimator.estimate(h, 0.95).orElseThrow();
        Percentile p99 = estimator.estimate(h, 0.99).orElseThrow();
        return Optional.of(new ReadLatency(h.name(), h.samples(),
                p50.get().estimateUs(), p50.get().bucketLowerUs(), p50.get().bucketUpperUs(),
                p95.estimateUs(), p95.bucketLowerUs(), p95.bucketUpperUs(),
                p99.estimateUs(), p99.bucketLowerUs(), p99.bucketUpperUs(),
                reading.source()));
    }
}
