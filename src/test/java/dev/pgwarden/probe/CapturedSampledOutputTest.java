package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs of a probe tracing statements in a sample of two backends, parsed together as the probe parses them:
 * real bpftrace 0.17 output of the main program and of one program per sampled backend ({@code -p PID}) during pgbench
 * TPC-B on Debian's PostgreSQL 15 (see captured/capture-sampled.sh). What the backends' programs measured is summed,
 * what the main one measured is kept as it is.
 */
class CapturedSampledOutputTest {

    private static final String MAIN = "sampled-main-json.out";
    private static final String FIRST = "sampled-backend-1-json.out";
    private static final String SECOND = "sampled-backend-2-json.out";

    @Test
    void theSampledBackendsStatementsAreSummed() throws IOException {
        StatementTrace first = parse(FIRST).statements();
        StatementTrace second = parse(SECOND).statements();
        StatementTrace merged = parse(MAIN, FIRST, SECOND).statements();

        assertThat(first.cluster().samples()).isPositive();
        assertThat(second.cluster().samples()).isPositive();
        assertThat(merged.cluster().samples()).isEqualTo(first.cluster().samples() + second.cluster().samples());
        assertThat(merged.perDatabase().get("postgres").samples()).isEqualTo(merged.cluster().samples());
        assertThat(merged.totalUs()).isEqualTo(first.totalUs() + second.totalUs());
        assertThat(merged.cluster().buckets()).allSatisfy(bucket -> assertThat(bucket.count())
                .isEqualTo(count(first.cluster(), bucket.lowerUs()) + count(second.cluster(), bucket.lowerUs())));
        Map<String, Long> slow = counts(merged.slowest());
        assertThat(slow).isNotEmpty();
        slow.forEach((text, count) -> assertThat(count).as(text)
                .isEqualTo(counts(first.slowest()).getOrDefault(text, 0L) + counts(second.slowest()).getOrDefault(text, 0L)));
    }

    @Test
    void theSampledBackendsLwlockWaitsAreMergedByTranche() throws IOException {
        List<LwlockWaitTrace> first = parse(FIRST).lwlockWaits();
        List<LwlockWaitTrace> second = parse(SECOND).lwlockWaits();
        List<LwlockWaitTrace> merged = parse(MAIN, FIRST, SECOND).lwlockWaits();

        assertThat(merged).isNotEmpty();
        assertThat(merged).extracting(LwlockWaitTrace::tranche).doesNotHaveDuplicates();
        assertThat(merged).allSatisfy(w -> {
            assertThat(w.histogram().samples()).isEqualTo(samples(first, w.tranche()) + samples(second, w.tranche()));
            assertThat(w.totalUs()).isEqualTo(total(first, w.tranche()) + total(second, w.tranche()));
        });
    }

    @Test
    void theMainProgramsSignalsAreKeptAsTheyAre() throws IOException {
        PostgresTrace main = parse(MAIN);
        PostgresTrace merged = parse(MAIN, FIRST, SECOND);

        assertThat(main.statements().cluster().samples()).isZero();
        assertThat(main.lwlockWaits()).isEmpty();
        assertThat(merged.lockWaits()).isEqualTo(main.lockWaits());
        assertThat(merged.relationReads()).isEqualTo(main.relationReads());
        // the backends' programs trace no lock waits and no reads
        assertThat(parse(FIRST).lockWaits()).isEmpty();
        assertThat(parse(FIRST).relationReads()).isEmpty();
    }

    @Test
    void theSampleIsWrittenToTheEnvelopeAndReadBackWhileOlderFilesReadAsEveryBackendTraced(@TempDir Path dir)
            throws IOException {
        SampledBackends sample = new SampledBackends(2, Map.of("postgres", new SampledBackends.Backends(4, List.of(10385L, 10386L)),
                "audit", new SampledBackends.Backends(1, List.of())));
        PostgresTrace merged = parse(MAIN, FIRST, SECOND);
        PostgresTrace trace = merged.withStatements(merged.statements().inSample(sample));
        ProbeReport report = new ProbeReport(ProbeReport.FORMAT, "db1", "6.18.44", "bpftrace v0.17.0", 4270,
                Instant.parse("2026-12-07T23:07:00Z"), 10.0, Map.of(), null,
                ProbeSignals.none().withAll(ProbeSignals.USDT, SignalStatus.wasMeasured()), trace);
        Path file = dir.resolve("probe.json");
        try (var out = Files.newOutputStream(file)) {
            new ProbeEnvelopeWriter().write(report, out);
        }

        ProbeReport read = new ProbeInputReader(null).envelope(file).orElseThrow();

        assertThat(Files.readString(file)).contains("\"sampled_backends\"", "\"traced_pids\" : [ 10385, 10386 ]");
        assertThat(read.trace()).isEqualTo(trace);
        assertThat(read.trace().statements().measuredIn("postgres"))
                .isEqualTo("2 of its 4 client backends (2 of 5 in the cluster, probe --statement-backends 2)");
        Path older = Path.of("src/test/resources/probe/captured/usdt-envelope.json");
        assertThat(new ProbeInputReader(null).envelope(older).orElseThrow().trace().statements().measuredIn())
                .isEqualTo("every backend");
    }

    private static long count(LatencyHistogram histogram, long lowerUs) {
        return histogram.buckets().stream().filter(b -> b.lowerUs() == lowerUs).mapToLong(HistogramBucket::count).sum();
    }

    private static Map<String, Long> counts(List<SlowStatement> slowest) {
        return slowest.stream().collect(Collectors.toMap(SlowStatement::text, SlowStatement::count));
    }

    private static long samples(List<LwlockWaitTrace> waits, String tranche) {
        return sum(waits, tranche, w -> w.histogram().samples());
    }

    private static long total(List<LwlockWaitTrace> waits, String tranche) {
        return sum(waits, tranche, LwlockWaitTrace::totalUs);
    }

    private static long sum(List<LwlockWaitTrace> waits, String tranche, Function<LwlockWaitTrace, Long> value) {
        return waits.stream().filter(w -> w.tranche().equals(tranche)).mapToLong(value::apply).sum();
    }

    /** The files' objects one after the other, as the probe joins the main output and the backends'. */
    private static PostgresTrace parse(String... files) throws IOException {
        List<Map.Entry<Integer, JsonNode>> objects = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = CapturedSampledOutputTest.class.getResourceAsStream("/probe/captured/" + file)) {
                objects.addAll(JsonValues.sequence(new String(in.readAllBytes(), StandardCharsets.UTF_8), file,
                        "bpftrace -f json output"));
            }
        }
        return new UsdtOutputParser(String.join(" + ", files), pid -> "postgres", new LockNames(15), 20_000).parse(objects);
    }
}
