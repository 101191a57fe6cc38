package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsers against real bpftrace 0.17 output captured on Debian 12 (see captured/capture.sh). */
class CapturedOutputTest {

    static ProbeReading read(String capture, String map) {
        try (InputStream in = CapturedOutputTest.class.getResourceAsStream("/probe/captured/" + capture)) {
            return new ProbeInputReader(map).read(in, capture);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "probe-text.out, , reads_us",
            "probe-json.out, , reads_us",
            "probe-text.out, device_reads, device_reads_us",
            "probe-json.out, @device_io_us, device_io_us",
            "keyed-text.out, , us",
            "keyed-json.out, , us",
            "keyed-text.out, linear_us, linear_us",
            "keyed-json.out, linear, linear_us",
    })
    void capturesYieldTheChosenHistogramWithSamples(String capture, String map, String expectedName) {
        LatencyHistogram histogram = read(capture, map).histogram();

        assertThat(histogram.name()).isEqualTo(expectedName);
        assertThat(histogram.samples()).isPositive();
        assertThat(histogram.buckets()).allSatisfy(b -> assertThat(b.lowerUs()).isNotNegative());
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe-text.out", "probe-json.out"})
    void probeCaptureSawCachedAndDeviceReads(String capture) {
        ReadLatency all = ReadLatency.of(read(capture, "reads")).orElseThrow();
        ReadLatency device = ReadLatency.of(read(capture, "device_reads")).orElseThrow();

        // Most reads of a seq scan hit the page cache; those that waited for the disk are slower.
        assertThat(all.samples()).isGreaterThan(device.samples());
        assertThat(all.p50UpperUs()).isLessThanOrEqualTo(8L);
        assertThat(device.p50LowerUs()).isGreaterThanOrEqualTo(16L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keyed-text.out", "keyed-json.out"})
    void keyedMapIsMergedAndKeepsPerKeyCounts(String capture) {
        LatencyHistogram us = read(capture, "us").histogram();

        assertThat(us.keys()).containsKeys("postgres", "psql");
        assertThat(us.keys().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(us.samples());
        assertThat(us.keys().get("postgres")).isGreaterThan(us.samples() / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keyed-text.out", "keyed-json.out"})
    void lhistKeepsItsOpenLastBucket(String capture) {
        LatencyHistogram linear = read(capture, "linear_us").histogram();

        assertThat(linear.buckets().get(0)).isEqualTo(new HistogramBucket(0, 10L, linear.buckets().get(0).count()));
        HistogramBucket last = linear.buckets().get(linear.buckets().size() - 1);
        assertThat(last.lowerUs()).isEqualTo(100);
        assertThat(last.isOpen()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"edges-text.out", "edges-json.out"})
    void suffixedBucketsAreLog2Microseconds(String capture) {
        LatencyHistogram big = read(capture, "big").histogram();

        assertThat(big.buckets().get(0)).isEqualTo(new HistogramBucket(256 * 1024, 512 * 1024L, 1));
        assertThat(big.buckets().get(3)).isEqualTo(new HistogramBucket(2 << 20, 4L << 20, 1));
    }

    @ParameterizedTest
    @CsvSource({
            "edges-text.out, range, 'line 23: bucket [..., 0) holds negative values'",
            "edges-json.out, range, '@range bucket 1: bucket [..., 0) holds negative values'",
            "edges-json.out, edge, '@edge[1] bucket 1: bucket [..., 0) holds negative values'",
    })
    void negativeValuesAreRejectedNamingTheBucket(String capture, String map, String message) {
        assertThatThrownBy(() -> read(capture, map))
                .isInstanceOf(ProbeFormatException.class)
                .hasMessageStartingWith(capture + ": ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe-text.out", "keyed-json.out"})
    void unknownMapNameListsTheMapsFound(String capture) {
        assertThatThrownBy(() -> read(capture, "nosuch"))
                .isInstanceOf(ProbeFormatException.class)
                .hasMessageStartingWith(capture + ": no histogram named 'nosuch'; found ");
    }
}
