package dev.pgwarden.probe;

import java.util.Optional;

/**
 * Turns bpftrace's bucket bounds into {@link HistogramBucket}s, the same way for text and JSON.
 *
 * <p>Latencies are never negative, so the open first bucket {@code (..., N)} becomes {@code [0, N)}.
 * A bucket that can only hold negative values is dropped when empty and rejected otherwise: the
 * input is then not a latency histogram (or it is bpftrace 0.17's JSON for values of 2G and more,
 * which wraps to {@code min -2147483648}).
 */
final class BucketFactory {

    private final String source;

    BucketFactory(String source) {
        this.source = source;
    }

    Optional<HistogramBucket> bucket(RawHistogram.RawBucket raw) {
        Long lower = raw.lower();
        Long upper = raw.upper();
        long count = raw.count();
        String where = raw.where();
        if (count < 0) {
            throw problem(where, "bucket count must not be negative, was " + count);
        }
        if (lower == null && upper == null) {
            throw problem(where, "a bucket needs a lower or an upper bound");
        }
        if (lower != null && upper != null && upper <= lower) {
            throw problem(where, "bucket upper bound " + upper + " must be above its lower bound " + lower);
        }
        long effectiveLower = lower == null ? 0 : lower;
        if (effectiveLower < 0 || (upper != null && upper <= 0)) {
            if (count == 0) {
                return Optional.empty();
            }
            throw problem(where, "bucket [" + (lower == null ? "..." : lower) + ", " + (upper == null ? "..." : upper)
                    + ") holds negative values, but latencies cannot be negative (bpftrace 0.17 JSON also shows"
                    + " buckets of 2G and more this way; use its text output for those)");
        }
        return Optional.of(new HistogramBucket(effectiveLower, upper, count));
    }

    ProbeFormatException problem(String where, String what) {
        return new ProbeFormatException(source, where + ": " + what);
    }
}
