package dev.pgwarden.probe;

/**
 * One bucket of a latency histogram: {@code count} samples with {@code lowerUs <= value < upperUs}.
 *
 * <p>Bounds are half-open so that bpftrace's inclusive {@code min..max} and its text labels
 * {@code [4, 8)} map to the same bucket. A {@code null} upper bound is the open last bucket.
 *
 * @param lowerUs inclusive lower bound in microseconds, never negative (latencies are not)
 * @param upperUs exclusive upper bound in microseconds, or {@code null} when open
 * @param count   samples in the bucket
 */
public record HistogramBucket(long lowerUs, Long upperUs, long count) {

    public HistogramBucket {
        if (lowerUs < 0) {
            throw new IllegalArgumentException("lowerUs must not be negative, was " + lowerUs);
        }
        if (upperUs != null && upperUs <= lowerUs) {
            throw new IllegalArgumentException(
                    "upperUs must be greater than lowerUs, was [" + lowerUs + ", " + upperUs + ")");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    /** Whether the bucket has no upper bound (bpftrace's {@code [256K, ...)}). */
    public boolean isOpen() {
        return upperUs == null;
    }

    /** Same bounds, another count; used when keyed histograms are merged. */
    HistogramBucket withCount(long newCount) {
        return new HistogramBucket(lowerUs, upperUs, newCount);
    }

    @Override
    public String toString() {
        return "[" + lowerUs + ", " + (upperUs == null ? "..." : upperUs) + ") " + count;
    }
}
