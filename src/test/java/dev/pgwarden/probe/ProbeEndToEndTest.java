package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwarden.cli.ProbeCommand;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The probe for real: bpftrace against an embedded PostgreSQL, with a second reader outside the
 * cluster that must not be counted. Runs only as root with bpftrace and tracepoints available.
 */
class ProbeEndToEndTest {

    private static EmbeddedPostgres postgres;
    private static long postmasterPid;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws IOException, SQLException {
        assumeTrue(isRoot(), "the probe needs root");
        assumeTrue(bpftraceFound(), "bpftrace is not installed");
        assumeTrue(tracefsMounted(), "tracefs is not mounted and could not be mounted");
        // shared_buffers far below the table, so seq scans keep reading through the kernel
        postgres = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "16MB").start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table big as select g, repeat('x', 200) pad from generate_series(1, 200000) g");
            try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                postmasterPid = new PostmasterLocator().parentOf(rs.getLong(1));
            }
        }
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void probeCountsReadsOfTheClusterAndNotOfOtherProcesses() throws Exception {
        Path out = dir.resolve("with-cluster.json");
        AtomicLong outsideReads = new AtomicLong();
        int code;
        try (Workload scans = Workload.start(ProbeEndToEndTest::seqScans);
             Workload outside = Workload.start(running -> preadLoop(running, outsideReads))) {
            code = probe("--postmaster-pid", Long.toString(postmasterPid), "--duration", "3s", "--out", out.toString());
        }

        assertThat(code).isZero();
        ProbeReading reading = new ProbeInputReader(null).read(out);
        ReadLatency fact = ReadLatency.of(reading).orElseThrow();
        assertThat(fact.histogram()).isEqualTo("reads");
        assertThat(fact.samples()).isGreaterThan(1000);
        assertThat(fact.p99LowerUs()).isLessThan(1_000_000);
        assertThat(reading.source()).contains("postmaster " + postmasterPid);
        // The postmaster's working directory is its data directory: the host facts beside the histograms.
        HostFacts host = new ProbeInputReader(null).hostFacts(out).orElseThrow();
        String dataDirectory;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            dataDirectory = rs.getString(1);
        }
        assertThat(Path.of(host.dataDirectory())).isEqualTo(Path.of(dataDirectory).toRealPath());
        assertThat(host.filesystems()).flatExtracting(HostFilesystem::holds).anySatisfy(h -> assertThat(h).startsWith("pg_wal "));
        assertThat(host.memoryTotalBytes()).isGreaterThanOrEqualTo(host.memoryAvailableBytes()).isPositive();
    }

    @Test
    void readsOutsideTheClusterAreNotCounted() throws Exception {
        Path out = dir.resolve("outside-only.json");
        AtomicLong outsideReads = new AtomicLong();
        int code;
        try (Workload outside = Workload.start(running -> preadLoop(running, outsideReads))) {
            code = probe("--postmaster-pid", Long.toString(postmasterPid), "--duration", "3s", "--out", out.toString());
        }

        assertThat(code).isZero();
        long counted = new ProbeInputReader("reads").read(out).histogram().samples();
        assertThat(outsideReads.get()).isGreaterThan(10_000);
        // an idle cluster's background processes may read a few pages, nothing like the loop's count
        assertThat(counted).isLessThan(outsideReads.get() / 100);
    }

    @Test
    void embeddedBinariesHaveNoUsdtProbesSoTheLockChecksSkipWithTheReasonWhileStatementsAreTimed() throws Exception {
        Path out = dir.resolve("no-usdt.json");

        int code;
        try (Workload statements = Workload.start(ProbeEndToEndTest::selectLoop)) {
            code = probe("--postmaster-pid", Long.toString(postmasterPid), "--duration", "3s", "--out", out.toString());
        }

        assertThat(code).isZero();
        ProbeReport report = new ProbeInputReader(null).envelope(out).orElseThrow();
        assertThat(report.signals().status(ProbeSignals.READS).measured()).isTrue();
        assertThat(report.signals().status(ProbeSignals.STATEMENTS).measured()).isTrue();
        for (String signal : ProbeSignals.USDT) {
            assertThat(report.signals().status(signal).reason()).as(signal).startsWith("no USDT probes in ");
        }
        // timed on the socket: no USDT probe needed
        assertThat(report.trace().statements().cluster().samples()).isGreaterThan(100);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        for (String check : java.util.List.of("lock-contention", "lwlock-contention")) {
            dev.pgwarden.results.CheckResult result = dev.pgwarden.testing.Checks.runWithProbe(url, out, check);
            assertThat(result.status()).as(check).isEqualTo(dev.pgwarden.results.Status.SKIPPED);
            assertThat(result.reason()).as(check).contains("did not measure").contains("no USDT probes in ");
        }
        dev.pgwarden.results.CheckResult latency = dev.pgwarden.testing.Checks.runWithProbe(url, out, "query-latency");
        assertThat(latency.status()).as(latency.toString()).isEqualTo(dev.pgwarden.results.Status.PASSED);
    }

    @Test
    void theWaitEventSamplersOwnQueriesAreNotCountedAsTheClustersStatements() throws Exception {
        Path out = dir.resolve("sampler-only.json");

        // an idle cluster but for the sampler, which queries pg_stat_activity a hundred times a second
        int code = probe("--postmaster-pid", Long.toString(postmasterPid), "--duration", "3s", "--sample-interval", "10ms",
                "--url", postgres.getJdbcUrl("postgres", "postgres"), "--out", out.toString());

        assertThat(code).isZero();
        ProbeReport report = new ProbeInputReader(null).envelope(out).orElseThrow();
        assertThat(report.waitEvents().ticks()).isGreaterThan(100);
        assertThat(report.trace().statements().cluster().samples()).isLessThan(10);
    }

    /** Short statements over JDBC until stopped. */
    private static void selectLoop(AtomicBoolean running) {
        try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
             java.sql.Statement s = c.createStatement()) {
            while (running.get()) {
                s.execute("SELECT 1");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int probe(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ProbeCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute(args);
        assertThat(err.toString()).as("stderr").isEmpty();
        return code;
    }

    private static void seqScans(AtomicBoolean running) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("set max_parallel_workers_per_gather = 0");
            while (running.get()) {
                s.executeQuery("select count(*) from big").close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** FileChannel.read(buffer, position) is pread64, from this JVM: not a child of the postmaster. */
    private static void preadLoop(AtomicBoolean running, AtomicLong reads) {
        try {
            Path file = Files.write(dir.resolve("outside.bin"), new byte[1 << 20]);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (running.get()) {
                    buffer.clear();
                    channel.read(buffer, (reads.getAndIncrement() % 128) * 8192L);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean bpftraceFound() {
        try {
            BpftraceRunner.locate(null, System.getenv("PATH"));
            return true;
        } catch (ProbeEnvironmentException e) {
            return false;
        }
    }

    private static boolean tracefsMounted() {
        Path events = Path.of("/sys/kernel/tracing/available_events");
        if (!Files.exists(events)) {
            try {
                new ProcessBuilder("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing")
                        .redirectErrorStream(true).start().waitFor();
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return Files.exists(events);
    }
}
