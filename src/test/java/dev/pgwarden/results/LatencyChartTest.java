package dev.pgwarden.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyChartTest {

    @Test
    void barsScaleToTheFullestBucketAndLabelsReadInTimeUnits() {
        String chart = LatencyChart.render(List.of(
                new LatencyChart.Bucket(512, 1024L, 10),
                new LatencyChart.Bucket(1024, 2048L, 400),
                new LatencyChart.Bucket(2048, 4096L, 0),
                new LatencyChart.Bucket(1_048_576, null, 1)));

        List<String> lines = chart.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).endsWith("512 µs–1 ms │" + "█".repeat(1) + " 10");
        assertThat(lines.get(1)).endsWith("1 ms–2 ms │" + "█".repeat(40) + " 400");
        assertThat(lines.get(2)).endsWith("2 ms–4.1 ms │ 0");
        // an open last bucket, and a bucket too small for a bar still shows one
        assertThat(lines.get(3)).endsWith("1 s–… │█ 1");
    }
}
