package dev.pgwarden.probe;

/**
 * An estimated percentile of a latency histogram.
 *
 * @param quantile      the quantile asked for, in (0, 1]
 * @param bucketLowerUs lower bound of the bucket holding it: the true value is at least this
 * @param bucketUpperUs upper bound (exclusive) of that bucket, {@code null} when it is the open last
 *                      bucket; the true value is below this
 * @param estimateUs    linear interpolation inside the bucket; for the open last bucket its lower
 *                      bound (a floor, not a guess)
 */
public record Percentile(double quantile, long bucketLowerUs, Long bucketUpperUs, double estimateUs) {

    public Percentile {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
        }
        if (bucketUpperUs != null && bucketUpperUs <= bucketLowerUs) {
            throw new IllegalArgumentException("bucketUpperUs must be above bucketLowerUs, was ["
                    + bucketLowerUs + ", " + bucketUpperUs + ")");
        }
        if (estimateUs < bucketLowerUs || (bucketUpperUs != null && estimateUs > bucketUpperUs)) {
            throw new IllegalArgumentException("estimateUs must lie in its bucket, was " + estimateUs);
        }
    }
}
