package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentileEstimatorTest {

    /** Parses "lower-upper:count" pairs separated by spaces; an upper of '*' is the open bucket. */
    private static LatencyHistogram histogram(String spec) {
        List<HistogramBucket> buckets = new ArrayList<>();
        for (String part : spec.split(" ")) {
            String[] bounds = part.split(":")[0].split("-");
            long count = Long.parseLong(part.split(":")[1]);
            Long upper = bounds[1].equals("*") ? null : Long.valueOf(bounds[1]);
            buckets.add(new HistogramBucket(Long.parseLong(bounds[0]), upper, count));
        }
        return LatencyHistogram.of("reads", buckets);
    }

    @ParameterizedTest(name = "p{1} of {0} is in [{2}, {3}) at {4}")
    @CsvSource(nullValues = "null", value = {
            // one bucket: the rank's share of the bucket, spread over its width
            "'4-8:100',                    0.50, 4,   8,    6.0",
            "'4-8:100',                    0.99, 4,   8,    7.96",
            "'4-8:100',                    1.00, 4,   8,    8.0",
            // the rank falls in a later bucket: interpolate from what precedes it
            "'1-2:50 2-4:40 4-8:10',       0.50, 1,   2,    2.0",
            "'1-2:50 2-4:40 4-8:10',       0.51, 2,   4,    2.05",
            "'1-2:50 2-4:40 4-8:10',       0.95, 4,   8,    6.0",
            "'1-2:50 2-4:40 4-8:10',       0.99, 4,   8,    7.6",
            // empty buckets in between are skipped, not interpolated across
            "'16-32:90 32-64:0 64-128:10', 0.95, 64,  128,  96.0",
            "'16-32:90 32-64:0 64-128:10', 0.90, 16,  32,   32.0",
            // the open last bucket gives its lower bound, a floor
            "'0-1:10 256-*:90',            0.50, 256, null, 256.0",
            "'0-1:10 256-*:90',            0.05, 0,   1,    0.5",
    })
    void estimatesLieInTheRightBucket(String spec, double quantile, long lower, Long upper, double estimate) {
        Percentile p = new PercentileEstimator().estimate(histogram(spec), quantile).orElseThrow();

        assertThat(p.bucketLowerUs()).isEqualTo(lower);
        assertThat(p.bucketUpperUs()).isEqualTo(upper);
        assertThat(p.estimateUs()).isCloseTo(estimate, within(1e-9));
    }

    @Test
    void emptyHistogramHasNoPercentile() {
        LatencyHistogram empty = LatencyHistogram.of("reads", List.of(new HistogramBucket(4, 8L, 0)));

        assertThat(new PercentileEstimator().estimate(empty, 0.5)).isEmpty();
    }

    @Test
    void readLatencyCarriesAllThreePercentilesAndTheSource() {
        LatencyHistogram h = histogram("1-2:50 2-4:40 4-8:9 1024-*:1");

        ReadLatency fact = ReadLatency.of(new ProbeReading("probe.json", h)).orElseThrow();

        assertThat(fact.samples()).isEqualTo(100);
        assertThat(fact.p50UpperUs()).isEqualTo(2L);
        assertThat(fact.p95LowerUs()).isEqualTo(4L);
        assertThat(fact.p99Us()).isEqualTo(8.0);
        assertThat(fact.source()).isEqualTo("probe.json");
    }
}
