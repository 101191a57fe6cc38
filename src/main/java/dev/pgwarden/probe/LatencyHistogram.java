package dev.pgwarden.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read-latency histogram as bpftrace collected it.
 *
 * <p>Buckets are ascending and do not overlap. When bpftrace kept one histogram per key
 * ({@code @us[comm]}), they are merged into this one and {@code keys} keeps each key's sample
 * count as evidence of where the samples came from; it is empty for an unkeyed map.
 *
 * @param name    the map name without {@code @} (for example {@code reads_us} or {@code reads})
 * @param buckets ascending, non-overlapping buckets; may be empty
 * @param keys    per-key sample counts of a keyed map, in output order
 */
public record LatencyHistogram(String name, List<HistogramBucket> buckets, Map<String, Long> keys) {

    public LatencyHistogram {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        buckets = List.copyOf(Objects.requireNonNull(buckets, "buckets must not be null"));
        keys = OrderedMaps.copyOf(Objects.requireNonNull(keys, "keys must not be null"));
        buckets.stream().mapToLong(HistogramBucket::count).reduce(0, LatencyHistogram::total);
        for (int i = 1; i < buckets.size(); i++) {
            HistogramBucket previous = buckets.get(i - 1);
            if (previous.isOpen() || previous.upperUs() > buckets.get(i).lowerUs()) {
                throw new IllegalArgumentException("buckets of " + name + " must be ascending and not overlap, but "
                        + previous + " is followed by " + buckets.get(i));
            }
        }
    }

    /** Unkeyed histogram. */
    public static LatencyHistogram of(String name, List<HistogramBucket> buckets) {
        return new LatencyHistogram(name, buckets, Map.of());
    }

    /** A sum of sample counts; one beyond a long is bad input, not a total to wrap around to negative. */
    static long total(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("sample counts add up to more than " + Long.MAX_VALUE);
        }
    }

    /** Total number of samples over all buckets. */
    public long samples() {
        return buckets.stream().mapToLong(HistogramBucket::count).sum();
    }
}
