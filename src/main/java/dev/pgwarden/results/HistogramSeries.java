package dev.pgwarden.results;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A measured latency histogram as a labelled series for the metrics file, beside the checks' single values.
 *
 * @param name       snake_case family name, unit last ({@code query_latency_seconds})
 * @param help       what the histogram counts, in one sentence
 * @param labels     labels besides the target, such as the database
 * @param buckets    ascending buckets, each counting samples at or under its upper bound and over the one before
 * @param sumSeconds the samples' sum where it was measured; null where the buckets are all that is known
 */
public record HistogramSeries(String name, String help, Map<String, String> labels, List<Bucket> buckets, Double sumSeconds) {

    /** Samples over the previous bucket's bound and at or under {@code upperSeconds}; null for the open last bucket. */
    public record Bucket(Double upperSeconds, long count) {
    }

    public HistogramSeries {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("histogram name must be snake_case, got '" + name + "'");
        }
        help = Objects.requireNonNullElse(help, "");
        labels = Map.copyOf(labels);
        buckets = List.copyOf(buckets);
    }

    public long count() {
        return buckets.stream().mapToLong(Bucket::count).sum();
    }
}
