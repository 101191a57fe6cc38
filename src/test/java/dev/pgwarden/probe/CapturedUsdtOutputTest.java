package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The USDT parser against real bpftrace 0.17 output of read-latency.bt with postgres-usdt.bt appended, during a
 * pgbench mixture and a queue for one row lock on Debian's PostgreSQL 15 (see captured/capture-usdt.sh).
 */
class CapturedUsdtOutputTest {

    private static final String SOURCE = "usdt-json.out";

    @TempDir
    Path dir;

    @Test
    void statementsOfTheMixtureLandInTheMillisecondAndFiftyMillisecondBuckets() throws IOException {
        StatementTrace statements = trace().statements();

        LatencyHistogram cluster = statements.cluster();
        Percentile p50 = new PercentileEstimator().estimate(cluster, 0.50).orElseThrow();
        Percentile p99 = new PercentileEstimator().estimate(cluster, 0.99).orElseThrow();
        assertThat(cluster.samples()).isGreaterThan(1000);
        assertThat(p50.bucketLowerUs()).isBetween(1024L, 2048L);
        assertThat(p99.bucketLowerUs()).isEqualTo(32768);
        assertThat(statements.perDatabase()).containsOnlyKeys("postgres");
        assertThat(statements.perDatabase().get("postgres").samples()).isEqualTo(cluster.samples());
        assertThat(statements.totalUs()).isPositive();
        assertThat(statements.slowest().get(0).text()).isEqualTo("begin; update … (utility statement, text withheld)");
        assertThat(statements.slowest()).anySatisfy(s -> {
            assertThat(s.text()).isEqualTo("SELECT pg_sleep(0.05);");
            assertThat(s.maxUs()).isBetween(50_000L, 200_000L);
            assertThat(s.count()).isPositive();
        });
        // one text per database: the backends' entries are summed
        assertThat(statements.slowest()).extracting(SlowStatement::text).doesNotHaveDuplicates();
    }

    @Test
    void aRowLockQueueIsATupleWaitOnTheTableAndATransactionIdWait() throws IOException {
        List<LockWaitTrace> waits = trace().lockWaits();

        assertThat(waits).anySatisfy(w -> {
            assertThat(w.lockType()).isEqualTo("tuple");
            assertThat(w.mode()).isEqualTo("ExclusiveLock");
            assertThat(w.databaseOid()).isEqualTo(5);
            assertThat(w.relationOid()).isEqualTo(16424);
            assertThat(w.totalUs()).isGreaterThan(100_000);
        });
        assertThat(waits).anySatisfy(w -> {
            assertThat(w.lockType()).isEqualTo("transactionid");
            assertThat(w.mode()).isEqualTo("ShareLock");
            assertThat(w.relationOid()).isZero();
        });
    }

    @Test
    void relationReadsAndAnAbsentLwlockMapAreRead() throws IOException {
        PostgresTrace trace = trace();

        assertThat(trace.relationReads()).singleElement().satisfies(r -> {
            assertThat(r.tablespaceOid()).isEqualTo(1663);
            assertThat(r.relfilenode()).isEqualTo(1255);
            assertThat(r.reads()).isEqualTo(1);
        });
        // bpftrace prints no map that never got a value: no LWLock waited during the capture
        assertThat(trace.lwlockWaits()).isEmpty();
    }

    @Test
    void theEnvelopeKeepsEverySectionAndTheSignals() throws IOException {
        PostgresTrace trace = trace();
        ProbeSignals signals = ProbeSignals.none().with(ProbeSignals.READS, SignalStatus.wasMeasured())
                .withAll(ProbeSignals.USDT, SignalStatus.wasMeasured())
                .with(ProbeSignals.WAIT_EVENTS, SignalStatus.missing("no access to pg_stat_activity"));
        ProbeReport report = new ProbeReport(ProbeReport.FORMAT, "db1", "6.18.44", "bpftrace v0.17.0", 4270,
                Instant.parse("2026-12-07T16:00:00Z"), 4.0, Map.of(), null, signals, trace);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ProbeEnvelopeWriter().write(report, out);
        Path file = Files.write(dir.resolve("probe.json"), out.toByteArray());

        ProbeReport read = new ProbeInputReader(null).envelope(file).orElseThrow();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"format\" : \"pgwarden-probe/3\"");
        assertThat(read.trace()).isEqualTo(trace);
        assertThat(read.signals()).isEqualTo(signals);
        assertThat(read.signals().status(ProbeSignals.WAIT_EVENTS).reason()).isEqualTo("no access to pg_stat_activity");
    }

    @Test
    void anEnvelopeOfFormatTwoHasNoSignalsAndSaysSo() throws IOException {
        String v2 = "{\"format\":\"pgwarden-probe/2\",\"host\":\"db1\",\"kernel\":\"6.1\",\"bpftrace_version\":\"v0.17.0\","
                + "\"postmaster_pid\":42,\"started_at\":\"2025-11-25T21:27:23.369Z\",\"duration_s\":5.0,"
                + "\"histograms\":{\"reads\":{\"buckets\":[{\"lower_us\":1,\"upper_us\":2,\"count\":3}],\"keys\":{}}}}";
        Path file = Files.writeString(dir.resolve("v2.json"), v2);

        ProbeReport read = new ProbeInputReader(null).envelope(file).orElseThrow();

        assertThat(read.trace().isEmpty()).isTrue();
        assertThat(read.signals().status(ProbeSignals.STATEMENTS).measured()).isFalse();
        assertThat(read.signals().status(ProbeSignals.STATEMENTS).reason()).contains("older pgwarden probe");
        assertThat(new ProbeInputReader(null).read(file).histogram().samples()).isEqualTo(3);
    }

    @Test
    void aBackendsProcessTitleNamesItsDatabase() {
        assertThat(BackendDatabases.database("postgres: 15/main: app shop 10.0.0.7(51234) idle\0\0".getBytes(StandardCharsets.UTF_8)))
                .contains("shop");
        assertThat(BackendDatabases.database("postgres: postgres mix [local] SELECT".getBytes(StandardCharsets.UTF_8)))
                .contains("mix");
        assertThat(BackendDatabases.database("postgres: checkpointer ".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BackendDatabases.database("postgres: 15/main: walwriter ".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    private static PostgresTrace trace() throws IOException {
        try (InputStream in = CapturedUsdtOutputTest.class.getResourceAsStream("/probe/captured/" + SOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new UsdtOutputParser(SOURCE, pid -> "postgres", new LockNames(15), 1000)
                    .parse(JsonValues.sequence(text, SOURCE, "bpftrace -f json output"));
        }
    }
}
