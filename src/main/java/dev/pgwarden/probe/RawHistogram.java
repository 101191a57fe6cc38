package dev.pgwarden.probe;

import java.util.List;

/**
 * One histogram as a parser found it: a map name, the key when bpftrace printed one histogram
 * per key ({@code null} otherwise) and its buckets as printed. Buckets are checked only when
 * the histogram is chosen, so one odd map in an output does not spoil the others.
 */
record RawHistogram(String name, String key, List<RawBucket> buckets) {

    RawHistogram {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        buckets = List.copyOf(buckets);
    }

    /**
     * @param lower inclusive lower bound, {@code null} for an open first bucket
     * @param upper exclusive upper bound, {@code null} for an open last bucket
     * @param where where it was read, for messages (for example "line 12")
     */
    record RawBucket(Long lower, Long upper, long count, String where) {
    }
}
