package dev.pgwarden.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Joins the per-key histograms of a keyed map ({@code @us[comm]}, {@code @us[pid]}) into one
 * histogram per map name, keeping each key's sample count as evidence. bpftrace leaves out each
 * key's empty leading and trailing buckets, so buckets are matched by their bounds.
 */
final class KeyedHistogramMerger {

    private final String source;

    KeyedHistogramMerger(String source) {
        this.source = source;
    }

    /** Names of the maps found, in output order. */
    static List<String> names(List<RawHistogram> raws) {
        return raws.stream().map(RawHistogram::name).distinct().toList();
    }

    /** The histogram of map {@code name}, all its keys joined. */
    LatencyHistogram merge(List<RawHistogram> raws, String name) {
        try {
            return joined(raws, name);
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(source, "histogram @" + name + ": " + e.getMessage());
        }
    }

    private LatencyHistogram joined(List<RawHistogram> raws, String name) {
        BucketFactory factory = new BucketFactory(source);
        TreeMap<Long, HistogramBucket> byLower = new TreeMap<>();
        Map<String, Long> keys = new LinkedHashMap<>();
        for (RawHistogram part : raws) {
            if (!part.name().equals(name)) {
                continue;
            }
            long samples = 0;
            for (RawHistogram.RawBucket raw : part.buckets()) {
                Optional<HistogramBucket> bucket = factory.bucket(raw);
                if (bucket.isPresent()) {
                    byLower.merge(bucket.get().lowerUs(), bucket.get(), (a, b) -> add(name, a, b));
                    samples = LatencyHistogram.total(samples, bucket.get().count());
                }
            }
            if (part.key() != null) {
                keys.merge(part.key(), samples, LatencyHistogram::total);
            }
        }
        return new LatencyHistogram(name, List.copyOf(byLower.values()), keys);
    }

    private HistogramBucket add(String name, HistogramBucket a, HistogramBucket b) {
        if (!Objects.equals(a.upperUs(), b.upperUs())) {
            throw new ProbeFormatException(source, "histogram @" + name + " has keys with different buckets: "
                    + a + " and " + b);
        }
        try {
            return a.withCount(Math.addExact(a.count(), b.count()));
        } catch (ArithmeticException e) {
            throw new ProbeFormatException(source, "histogram @" + name + ": the counts of bucket " + a
                    + " add up to more than " + Long.MAX_VALUE);
        }
    }
}
