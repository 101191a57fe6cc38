package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Edge cases no single capture shows, written by hand in the formats bpftrace uses. */
class ConstructedInputTest {

    private static ProbeReading read(String text, String map) {
        return read(text.getBytes(StandardCharsets.UTF_8), map);
    }

    private static ProbeReading read(byte[] bytes, String map) {
        return new ProbeInputReader(map).read(new ByteArrayInputStream(bytes), "input.txt");
    }

    private static HistogramBucket b(long lower, Long upper, long count) {
        return new HistogramBucket(lower, upper, count);
    }

    static Stream<Arguments> validInputs() {
        return Stream.of(
                Arguments.of("K, M and G suffixes are powers of 1024",
                        "@us:\n[1K, 2K)   3 |@@@|\n[2M, 4M)   1 |@|\n[1G, 2G)   2 |@@|\n",
                        List.of(b(1024, 2048L, 3), b(2 << 20, 4L << 20, 1), b(1L << 30, 2L << 30, 2))),
                Arguments.of("open first and last buckets in bpftrace's spelling",
                        "@us:\n(..., 4)   2 |@@|\n[4, 8)   1 |@|\n[256K, ...)   5 |@@@@@|\n",
                        List.of(b(0, 4L, 2), b(4, 8L, 1), b(256 * 1024, null, 5))),
                Arguments.of("open buckets spelled < N and >= N",
                        "@us:\n< 8   2\n[8, 64)   3\n>= 64   1\n",
                        List.of(b(0, 8L, 2), b(8, 64L, 3), b(64, null, 1))),
                Arguments.of("single-value buckets [0] and [1]",
                        "@us: \n[0]   4 |@@@@|\n[1]   2 |@@|\n[2, 4)   1 |@|\n",
                        List.of(b(0, 1L, 4), b(1, 2L, 2), b(2, 4L, 1))),
                Arguments.of("blank lines, trailing spaces and CRLF",
                        "\r\n\r\nAttaching 3 probes...   \r\n\r\n@us:   \r\n[4, 8)    7 |@@@|   \r\n[8, 16)   1 |@|\t\r\n\r\n\r\n",
                        List.of(b(4, 8L, 7), b(8, 16L, 1))),
                Arguments.of("empty open-below bucket of negatives is dropped",
                        "@us:\n(..., 0)   0 |  |\n[0, 10)   2 |@@|\n",
                        List.of(b(0, 10L, 2))),
                Arguments.of("JSON numbers given as strings",
                        "{\"type\": \"hist\", \"data\": {\"@us\": [{\"min\": \"4\", \"max\": \"7\", \"count\": \"12\"}]}}\n",
                        List.of(b(4, 8L, 12))),
                Arguments.of("JSON lhist with open last bucket and type lhist",
                        "{\"type\": \"lhist\", \"data\": {\"@us\": [{\"min\": 0, \"max\": 9, \"count\": 1},"
                                + " {\"min\": 10, \"count\": 2}]}}",
                        List.of(b(0, 10L, 1), b(10, null, 2))),
                Arguments.of("JSON with blank lines and non-hist lines around",
                        "{\"type\": \"attached_probes\", \"data\": {\"probes\": 2}}\n\n\n"
                                + "{\"type\": \"printf\", \"data\": \"hello\"}\n"
                                + "{\"type\": \"hist\", \"data\": {\"@us\": [{\"min\": 1, \"max\": 1, \"count\": 3}]}}\n\n",
                        List.of(b(1, 2L, 3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInputs")
    void validInputIsRead(String description, String input, List<HistogramBucket> expected) {
        assertThat(read(input, null).histogram().buckets()).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyHistogramHasNoSamplesAndNoFact() {
        ProbeReading reading = read("Attaching 2 probes...\n\n@us: \n\n", null);

        assertThat(reading.histogram().samples()).isZero();
        assertThat(ReadLatency.of(reading)).isEmpty();
    }

    @Test
    void keyedTextMapsWithDifferentBucketRangesAreMerged() {
        String text = "@us[4711]:\n[1]   2 |@@|\n[2, 4)   1 |@|\n\n@us[4712]:\n[2, 4)   5 |@@@@@|\n[4, 8)   1 |@|\n";

        LatencyHistogram us = read(text, null).histogram();

        assertThat(us.buckets()).containsExactly(b(1, 2L, 2), b(2, 4L, 6), b(4, 8L, 1));
        assertThat(us.keys()).containsExactly(Map.entry("4711", 3L), Map.entry("4712", 6L));
    }

    @Test
    void severalMapsArePickedByNameWithOrWithoutAt() {
        String text = "@a_us:\n[1]   1\n\n@b_us:\n[2, 4)   9\n";

        assertThat(read(text, "@b_us").histogram().samples()).isEqualTo(9);
        assertThat(read(text, "b").histogram().samples()).isEqualTo(9);
        assertThatThrownBy(() -> read(text, null))
                .isInstanceOf(ProbeFormatException.class)
                .hasMessage("input.txt: several histograms (a_us, b_us) and none is called reads or us;"
                        + " choose one with --probe-map");
    }

    @Test
    void defaultPrefersReadsThenUs() {
        String text = "@other:\n[1]   1\n\n@us:\n[2, 4)   2\n\n@reads_us:\n[4, 8)   3\n";

        assertThat(read(text, null).histogram().name()).isEqualTo("reads_us");
        assertThat(read(text.replace("@reads_us", "@x"), null).histogram().name()).isEqualTo("us");
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("plain prose", "hello world\nthis is not a histogram\n".getBytes(StandardCharsets.UTF_8),
                        "input.txt: no histogram found; expected bpftrace output"),
                Arguments.of("empty input", new byte[0], "input.txt: empty input; expected"),
                Arguments.of("binary", new byte[] {0x7f, 'E', 'L', 'F', 0, 1, (byte) 0xff, (byte) 0xfe},
                        "input.txt: binary data, not text"),
                Arguments.of("truncated JSON",
                        "{\"type\": \"hist\", \"data\": {\"@us\": [{\"min\": 1, \"ma".getBytes(StandardCharsets.UTF_8),
                        "input.txt: line 1: invalid or truncated JSON"),
                Arguments.of("JSON without histograms",
                        "{\"type\": \"map\", \"data\": {\"@calls\": 3}}".getBytes(StandardCharsets.UTF_8),
                        "input.txt: no histogram found; expected bpftrace -f json output"),
                Arguments.of("JSON that is not bpftrace's", "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8),
                        "input.txt: line 1: expected a bpftrace JSON object with a \"type\""),
                Arguments.of("negative count in text", "@us:\n[1]   -5 |@|\n".getBytes(StandardCharsets.UTF_8),
                        "input.txt: line 2: bucket count must not be negative, was -5"),
                Arguments.of("negative count in JSON",
                        "{\"type\": \"hist\", \"data\": {\"@us\": [{\"min\": 1, \"max\": 1, \"count\": -3}]}}"
                                .getBytes(StandardCharsets.UTF_8),
                        "input.txt: line 1 @us bucket 1: bucket count must not be negative, was -3"),
                Arguments.of("count that is not a number",
                        "{\"type\": \"hist\", \"data\": {\"@us\": [{\"min\": 1, \"max\": 1, \"count\": \"many\"}]}}"
                                .getBytes(StandardCharsets.UTF_8),
                        "input.txt: line 1 @us bucket 1.count: expected a whole number, found \"many\""),
                Arguments.of("unreadable bucket line", "@us:\n[4, 8)   lots |@@|\n".getBytes(StandardCharsets.UTF_8),
                        "input.txt: line 2: expected a histogram bucket"),
                Arguments.of("overlapping buckets", "@us:\n[4, 8)   1\n[6, 16)   1\n".getBytes(StandardCharsets.UTF_8),
                        "input.txt: histogram @us: buckets of us must be ascending and not overlap"),
                Arguments.of("bound beyond long", "@us:\n[9999999999E, ...)   1\n".getBytes(StandardCharsets.UTF_8),
                        "input.txt: line 2: bucket bound out of range"),
                Arguments.of("envelope of another version",
                        "{\"format\": \"pgwarden-probe/9\", \"histograms\": {}}".getBytes(StandardCharsets.UTF_8),
                        "input.txt: envelope format is 'pgwarden-probe/9', expected 'pgwarden-probe/3'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsAProbeFormatExceptionNamingTheInput(String description, byte[] input, String message) {
        assertThatThrownBy(() -> read(input, null))
                .isExactlyInstanceOf(ProbeFormatException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
