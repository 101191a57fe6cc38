package dev.pgwarden.probe;

import java.util.Optional;

/**
 * Estimates percentiles from histogram buckets.
 *
 * <p>The sample of rank {@code q * n} (counting from the smallest) lies in the first bucket whose
 * cumulative count reaches that rank; all we know is that bucket. The estimate assumes the
 * bucket's samples are spread evenly over {@code [lower, upper)} and interpolates linearly. In a
 * log2 bucket the truth can be anywhere in it, so the estimate may be off by up to the bucket's
 * width (a factor of two); rules should compare bounds when they need certainty. The open last
 * bucket has no width to spread over, so its lower bound is returned as a floor.
 */
public final class PercentileEstimator {

    /** The percentile, or empty when the histogram has no samples. */
    public Optional<Percentile> estimate(LatencyHistogram histogram, double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
        }
        long total = histogram.samples();
        if (total == 0) {
            return Optional.empty();
        }
        double rank = quantile * total;
        long before = 0;
        for (HistogramBucket bucket : histogram.buckets()) {
            if (bucket.count() > 0 && before + bucket.count() >= rank) {
                return Optional.of(inside(bucket, quantile, (rank - before) / bucket.count()));
            }
            before += bucket.count();
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total + " samples");
    }

    private static Percentile inside(HistogramBucket bucket, double quantile, double fraction) {
        if (bucket.isOpen()) {
            return new Percentile(quantile, bucket.lowerUs(), null, bucket.lowerUs());
        }
        double width = bucket.upperUs() - bucket.lowerUs();
        return new Percentile(quantile, bucket.lowerUs(), bucket.upperUs(), bucket.lowerUs() + fraction * width);
    }
}
