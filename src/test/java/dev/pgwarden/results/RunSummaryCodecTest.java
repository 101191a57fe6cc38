package dev.pgwarden.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryCodecTest {

    @Test
    void histogramsSurviveTheRoundTripWithAnOpenBucketAndAnUnknownSum() {
        HistogramSeries database = new HistogramSeries("query_latency_seconds", "per database", Map.of("database", "shop"),
                Arrays.asList(new HistogramSeries.Bucket(0.002048, 10), new HistogramSeries.Bucket(null, 1)), null);
        HistogramSeries cluster = new HistogramSeries("cluster_query_latency_seconds", "cluster", Map.of(),
                List.of(new HistogramSeries.Bucket(0.002048, 11)), 0.0125);
        RunSummary run = new RunSummary("db", Instant.parse("2026-12-07T16:00:00Z"), 5, List.of(), null, false, "linux")
                .withHistograms(List.of(database, cluster));

        RunSummary read = RunSummaryCodec.fromJson(RunSummaryCodec.toJson(run));

        assertThat(read.histograms()).containsExactly(database, cluster);
        assertThat(read.histograms().get(0).count()).isEqualTo(11);
        assertThat(RunSummaryCodec.fromJson(RunSummaryCodec.toJson(run.withHistograms(List.of()))).histograms()).isEmpty();
    }
}
