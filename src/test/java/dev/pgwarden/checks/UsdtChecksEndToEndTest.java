package dev.pgwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwarden.probe.HostProbe;
import dev.pgwarden.probe.LatencyHistogram;
import dev.pgwarden.probe.Percentile;
import dev.pgwarden.probe.PercentileEstimator;
import dev.pgwarden.probe.ProbeEnvironmentException;
import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeRun;
import dev.pgwarden.probe.ProbeSignals;
import dev.pgwarden.probe.SampledBackends;
import dev.pgwarden.probe.SignalSelection;
import dev.pgwarden.probe.StatementBackends;
import dev.pgwarden.probe.WaitEventCount;
import dev.pgwarden.probe.WaitEventSampler;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.LatencyChart;
import dev.pgwarden.results.QueryPlans;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.DebianCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe's USDT signals and the checks that judge them, against Debian's PostgreSQL 15 (whose binary has the
 * probes) as root with bpftrace; skipped with the reason where any of those is missing. One cluster for the
 * class; each probe traces a few seconds, started once bpftrace has attached.
 */
class UsdtChecksEndToEndTest {

    private static final String UPDATE_COUNTER = "UPDATE counter SET n = n + 1 WHERE id = 1";

    private static DebianCluster cluster;

    @BeforeAll
    static void startCluster() {
        DebianCluster.assumeInstalled();
        HostProbe probe;
        try {
            probe = new HostProbe(null);
            probe.checkHost();
        } catch (ProbeEnvironmentException e) {
            assumeTrue(false, "the probe cannot run here: " + e.getMessage());
        }
        cluster = DebianCluster.builder().setting("shared_preload_libraries", "'pg_stat_statements'").start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void statementPercentilesAgreeWithPgbenchAndQueryLatencyNamesTheSlowStatement() throws Exception {
        String db = cluster.createDatabase("mix");
        cluster.execute(db, "CREATE EXTENSION pg_stat_statements");
        String monitor = cluster.monitorRole(db);
        Path script = Files.writeString(cluster.socketDirectory().resolve("mix.sql"), String.join("\n",
                "\\set r random(1, 100)", "\\if :r <= 2", "SELECT pg_sleep(0.05);", "\\else", "SELECT pg_sleep(0.001);", "\\endif", ""));
        script.toFile().setReadable(true, false);
        Path out = cluster.socketDirectory().resolve("mix-probe.json");

        // the probe's default: statements timed in every backend, on its socket
        ProbeReport report = probeWhile(out, Duration.ofSeconds(12), SignalSelection.all(), null, () -> pgbench(db, script));

        List<Long> truth = pgbenchLatencies();
        assertThat(report.signals().status(ProbeSignals.STATEMENTS).measured()).isTrue();
        assertThat(report.trace().statements().sample()).isNull();
        LatencyHistogram measured = report.trace().statements().perDatabase().get(db);
        // every statement pgbench logged, and nothing of its connecting (startup packet, password)
        assertThat(measured.samples()).isBetween(truth.size() * 99L / 100, (long) truth.size());
        Percentile p50 = new PercentileEstimator().estimate(measured, 0.50).orElseThrow();
        Percentile p99 = new PercentileEstimator().estimate(measured, 0.99).orElseThrow();
        long truthP50 = truth.get(truth.size() / 2);
        long truthP99 = truth.get((int) (truth.size() * 0.99));
        // pg_sleep(0.001) takes at least 1 ms; pgbench's own time adds the round trip, so it may lie one bucket up
        assertThat(p50.bucketLowerUs()).isGreaterThanOrEqualTo(1024).isLessThanOrEqualTo(truthP50);
        assertThat(truthP50).isLessThan(2 * p50.bucketUpperUs());
        assertThat(p99.bucketLowerUs()).isEqualTo(32768);
        assertThat(p99.bucketUpperUs()).isEqualTo(65536);
        assertThat(truthP99).isBetween(p99.bucketLowerUs(), 2 * p99.bucketUpperUs());

        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + db + "?user=" + monitor;
        CheckResult tight = Checks.runWithProbe(url, out, "query-latency", "max_p99=25ms");
        CheckResult loose = Checks.runWithProbe(url, out, "query-latency", "max_p99=100ms");

        assertThat(tight.status()).as(tight.toString()).isEqualTo(Status.FAILED);
        Finding finding = tight.findings().stream().filter(f -> f.object().equals(db)).findFirst().orElseThrow();
        assertThat(finding.message()).contains("SELECT pg_sleep(0.05)").contains("limit 25 ms")
                .doesNotContain("client backends (");
        assertThat(String.valueOf(finding.evidence().get(LatencyChart.EVIDENCE))).contains("32.8 ms–65.5 ms │█");
        assertThat(QueryPlans.statements(finding)).anySatisfy(s ->
                assertThat(s.get(QueryPlans.QUERYID)).isEqualTo(queryidOf(db, "SELECT pg_sleep($1)")));
        assertThat(loose.status()).as(loose.toString()).isEqualTo(Status.PASSED);
    }

    @Test
    void aBackendOutsideTheSampleIsNotTracedAndADatabaseWithoutATracedBackendIsNotPassed() throws Exception {
        // names that sort first: the sample goes round the databases in name order
        String first = cluster.createDatabase("aa_sampled");
        String second = cluster.createDatabase("ab_unsampled");
        String monitor = cluster.monitorRole(first);
        Path out = cluster.socketDirectory().resolve("sample-probe.json");
        try (Connection older = simpleQueries(first); Connection newer = simpleQueries(first);
             Connection other = simpleQueries(second)) {
            long olderPid = backendPid(older);
            long newerPid = backendPid(newer);

            ProbeReport report = probeWhile(out, Duration.ofSeconds(8), SignalSelection.all(), StatementBackends.parse("1"),
                    null, () -> CompletableFuture.allOf(marked(older, "older"), marked(newer, "newer"), marked(other, "other"))
                            .get(60, TimeUnit.SECONDS));

            SampledBackends sample = report.trace().statements().sample();
            assertThat(sample.perDatabase().get(first)).isEqualTo(new SampledBackends.Backends(2, List.of(olderPid)));
            assertThat(sample.perDatabase().get(second)).isEqualTo(new SampledBackends.Backends(1, List.of()));
            assertThat(report.trace().statements().slowest()).extracting(s -> s.text())
                    .anySatisfy(t -> assertThat(t).contains("'older'"))
                    .noneSatisfy(t -> assertThat(t).contains("'newer'"))
                    .noneSatisfy(t -> assertThat(t).contains("'other'"));
            assertThat(report.trace().statements().perDatabase()).containsOnlyKeys(first);
            assertThat(newerPid).isNotEqualTo(olderPid);
        }

        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + first + "?user=" + monitor;
        CheckResult latency = Checks.runWithProbe(url, out, "query-latency", "min_samples=10");

        assertThat(latency.status()).as(latency.toString()).isEqualTo(Status.SKIPPED);
        assertThat(latency.outcome().toString()).contains("database " + second + ": none of its 1 client backends was"
                + " among the 1 of 3 client backends (probe --statement-backends 1) traced, so its statements were not"
                + " measured");
    }

    /**
     * JDBC's default, the extended protocol, which PostgreSQL's query__start/query__done USDT probes never see: timed on
     * the socket like any other. Its first executions come as an unnamed Parse, which carries the text; from the fifth
     * (pgjdbc's prepareThreshold) a Bind of a named statement, whose text the probe says it does not know.
     */
    @Test
    void extendedProtocolStatementsAreMeasuredAndTheirTextKeptWhileUnnamed() throws Exception {
        String db = cluster.createDatabase("extended_only");
        String monitor = cluster.monitorRole(db);
        Path out = cluster.socketDirectory().resolve("extended-probe.json");
        try (Connection extended = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.port()
                + "/" + db + "?preferQueryMode=extended", "postgres", "")) {
            ProbeReport report = probeWhile(out, Duration.ofSeconds(8), SignalSelection.all(), StatementBackends.parse("1"),
                    null, () -> prepared(extended, Duration.ofSeconds(5)));

            assertThat(report.trace().statements().sample().perDatabase().get(db).traced()).hasSize(1);
            assertThat(report.trace().statements().perDatabase().get(db).samples()).isGreaterThan(100);
            assertThat(report.trace().statements().slowest()).extracting(s -> s.text())
                    .contains("SELECT pg_sleep(0.002), $1", dev.pgwarden.probe.SlowStatement.NAMED_PREPARED);
        }

        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + db + "?user=" + monitor;
        CheckResult latency = Checks.runWithProbe(url, out, "query-latency", "min_samples=10");

        assertThat(latency.status()).as(latency.toString()).isEqualTo(Status.PASSED);
    }

    @Test
    void aStatementThroughPostgresFdwIsOneRoundOfItsClientWhileTheForeignSessionsStatementsAreItsOwn() throws Exception {
        String remote = cluster.createDatabase("fdw_remote");
        String local = cluster.createDatabase("fdw_local");
        try (Connection r = simpleQueries(remote); Statement s = r.createStatement()) {
            s.execute("CREATE TABLE items AS SELECT g AS id FROM generate_series(1, 100) g");
        }
        Path out = cluster.socketDirectory().resolve("fdw-probe.json");
        long[] ran = {0};
        try (Connection l = simpleQueries(local); Statement s = l.createStatement()) {
            s.execute("CREATE EXTENSION postgres_fdw");
            s.execute("CREATE SERVER loopback FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', port '"
                    + cluster.port() + "', dbname '" + remote + "')");
            s.execute("CREATE USER MAPPING FOR postgres SERVER loopback OPTIONS (user 'postgres')");
            s.execute("CREATE FOREIGN TABLE items (id int) SERVER loopback");
            // the foreign session opens before the probe attaches: the backend's next read is its client's
            s.execute("SELECT count(*) FROM items");

            ProbeReport report = probeWhile(out, Duration.ofSeconds(6), SignalSelection.parse("statements"), null, () -> {
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < end) {
                    s.execute("SELECT count(*) FROM items WHERE id = 7");
                    ran[0]++;
                }
            });

            // the foreign session's reads and sends inside the statement neither start nor end a round of the client
            assertThat(ran[0]).isGreaterThan(100);
            assertThat(report.trace().statements().perDatabase().get(local).samples()).isBetween(ran[0], ran[0] + 2);
            // postgres_fdw runs each scan as several statements of its own (a cursor's DECLARE, FETCH, CLOSE)
            assertThat(report.trace().statements().perDatabase().get(remote).samples()).isGreaterThanOrEqualTo(ran[0]);
        }
    }

    @Test
    void sessionsQueuingForOneRowLockFailLockContentionNamingTheTableAndMode() throws Exception {
        String db = counterDatabase("locks");
        String monitor = cluster.monitorRole(db);
        Path out = cluster.socketDirectory().resolve("locks-probe.json");

        ProbeReport report;
        try (Connection sampled = cluster.superuser(db)) {
            report = probeWhile(out, Duration.ofSeconds(5), SignalSelection.all(),
                    new WaitEventSampler(sampled, "locks", Duration.ofMillis(100)),
                    () -> queueForOneRow(db, Duration.ofMillis(3500)));
        }

        assertThat(report.trace().lockWaits()).anySatisfy(w -> {
            assertThat(w.lockType()).isEqualTo("tuple");
            assertThat(w.mode()).isEqualTo("ExclusiveLock");
        });
        // the sampler saw the updates queue behind the session sleeping in its transaction, the root of the queue
        WaitEventCount tuple = report.waitEvents().events().stream().filter(e -> e.label().equals("Lock:tuple"))
                .findFirst().orElseThrow();
        assertThat(tuple.blockedBy()).first().satisfies(pair -> {
            assertThat(pair.waitingQuery()).isEqualTo(UPDATE_COUNTER);
            assertThat(pair.blockingQuery()).isEqualTo("SELECT pg_sleep(0.7)");
            assertThat(pair.blockingState()).isEqualTo("active");
        });
        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + db + "?user=" + monitor;
        CheckResult contended = Checks.runWithProbe(url, out, "lock-contention");
        CheckResult otherDatabase = Checks.runWithProbe(cluster.url("postgres"), out, "lock-contention");

        assertThat(contended.status()).as(contended.toString()).isEqualTo(Status.FAILED);
        assertThat(contended.findings()).anySatisfy(f -> {
            assertThat(f.object()).isEqualTo("public.counter");
            assertThat(f.message()).contains("ExclusiveLock").contains("tuple")
                    .contains("seen by the sampler: '" + UPDATE_COUNTER + "' (query id ").contains(" behind 'SELECT pg_sleep(0.7)' (active");
            assertThat(f.remediation()).contains("Waiting and blocking statements: seen by the sampler: ");
        });
        // from another database the relation keeps its numbers and names its database
        assertThat(otherDatabase.findings()).extracting(Finding::object)
                .anySatisfy(o -> assertThat(o).startsWith("relation oid ").endsWith("in database " + db));
    }

    @Test
    void aQuietClusterPassesTheContentionChecks() throws Exception {
        String db = cluster.createDatabase("quiet");
        String monitor = cluster.monitorRole(db);
        Path out = cluster.socketDirectory().resolve("quiet-probe.json");

        probeWhile(out, Duration.ofSeconds(2), SignalSelection.all(), null, () -> { });

        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + db + "?user=" + monitor;
        assertThat(Checks.runWithProbe(url, out, "lock-contention").status()).isEqualTo(Status.PASSED);
        assertThat(Checks.runWithProbe(url, out, "lwlock-contention").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aSignalLeftOutIsRecordedAsNotRequestedAndItsChecksSkipSayingSo() throws Exception {
        String db = counterDatabase("chosen");
        String monitor = cluster.monitorRole(db);
        Path out = cluster.socketDirectory().resolve("chosen-probe.json");

        ProbeReport report = probeWhile(out, Duration.ofSeconds(4), SignalSelection.parse("lock_waits,lwlock_waits"), null,
                () -> queueForOneRow(db, Duration.ofMillis(2500)));

        assertThat(report.trace().lockWaits()).anySatisfy(w -> assertThat(w.lockType()).isEqualTo("tuple"));
        assertThat(report.signals().status(ProbeSignals.LOCK_WAITS).measured()).isTrue();
        String notRequested = "not requested: the probe ran with --signals lock_waits,lwlock_waits (add ";
        assertThat(report.signals().status(ProbeSignals.STATEMENTS).reason())
                .isEqualTo(notRequested + "statements to trace it)");
        assertThat(report.signals().status(ProbeSignals.READS).reason()).startsWith(notRequested + "reads");
        String url = "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + db + "?user=" + monitor;
        CheckResult queries = Checks.runWithProbe(url, out, "query-latency");
        CheckResult reads = Checks.runWithProbe(url, out, "read-latency");
        CheckResult locks = Checks.runWithProbe(url, out, "lock-contention");
        CheckResult lwlocks = Checks.runWithProbe(url, out, "lwlock-contention");

        assertThat(queries.status()).isEqualTo(Status.SKIPPED);
        assertThat(queries.outcome().toString()).contains("did not measure statements: " + notRequested + "statements");
        assertThat(reads.status()).isEqualTo(Status.SKIPPED);
        assertThat(reads.outcome().toString()).contains("did not measure reads: " + notRequested + "reads");
        assertThat(locks.status()).as(locks.toString()).isEqualTo(Status.FAILED);
        // a tranche's share is of the statements' time, which this probe did not measure
        assertThat(lwlocks.status()).isEqualTo(Status.SKIPPED);
        assertThat(lwlocks.outcome().toString()).contains("did not measure statements: " + notRequested + "statements");
    }

    /**
     * Runs the probe on the chosen signals (with the sampler, if given, in its window); once bpftrace has attached runs
     * the workload, then waits for the probe's end.
     */
    private static ProbeReport probeWhile(Path out, Duration duration, SignalSelection signals, WaitEventSampler sampler,
                                          ThrowingRunnable workload)
            throws Exception {
        return probeWhile(out, duration, signals, StatementBackends.parse(StatementBackends.DEFAULT), sampler, workload);
    }

    private static ProbeReport probeWhile(Path out, Duration duration, SignalSelection signals, StatementBackends backends,
                                          WaitEventSampler sampler, ThrowingRunnable workload)
            throws Exception {
        CountDownLatch attached = new CountDownLatch(1);
        CompletableFuture<ProbeReport> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return new ProbeRun(new HostProbe(null, signals, backends), sampler).runAndWrite(cluster.postmasterPid(), duration,
                        () -> null, out,
                        left -> attached.countDown());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(attached.await(180, TimeUnit.SECONDS)).as("bpftrace attached").isTrue();
        workload.run();
        probe.get(120, TimeUnit.SECONDS);
        return new ProbeInputReader(null).envelope(out).orElseThrow();
    }

    /** The simple query protocol: every statement's text is in its Query message. */
    private static Connection simpleQueries(String db) throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + db
                + "?preferQueryMode=simple", "postgres", "");
    }

    private static long backendPid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Statements of 2 ms or more marked with their session's name, for the probe's slowest texts, for 5 s. */
    private static CompletableFuture<Void> marked(Connection connection, String mark) {
        return CompletableFuture.runAsync(() -> {
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            try (Statement s = connection.createStatement()) {
                while (System.nanoTime() < end) {
                    s.execute("SELECT pg_sleep(0.002), '" + mark + "'");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** One prepared statement of 2 ms executed over and over: pgjdbc names it on the server from its fifth execution. */
    private static void prepared(Connection connection, Duration length) throws SQLException {
        long end = System.nanoTime() + length.toNanos();
        try (java.sql.PreparedStatement s = connection.prepareStatement("SELECT pg_sleep(0.002), ?")) {
            while (System.nanoTime() < end) {
                s.setString(1, "extended");
                s.execute();
            }
        }
    }

    private static void pgbench(String db, Path script) throws Exception {
        Process pgbench = cluster.program("pgbench", "-h", "127.0.0.1", "-p", Integer.toString(cluster.port()),
                "-U", "postgres", "-n", "-f", script.toString(), "-c", "4", "-T", "8", "--log",
                "--log-prefix=" + cluster.socketDirectory().resolve("mixlog"), db).redirectErrorStream(true).start();
        String output = new String(pgbench.getInputStream().readAllBytes());
        assertThat(pgbench.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pgbench.exitValue()).as(output).isZero();
    }

    /** Per-transaction latencies in µs from pgbench's --log (third field), sorted. */
    private static List<Long> pgbenchLatencies() throws IOException {
        List<Long> latencies = new ArrayList<>();
        try (Stream<Path> files = Files.list(cluster.socketDirectory())) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("mixlog.")).toList()) {
                Files.readAllLines(log).forEach(line -> latencies.add(Long.parseLong(line.split(" ")[2])));
            }
        }
        latencies.sort(null);
        assertThat(latencies).hasSizeGreaterThan(500);
        return latencies;
    }

    private static long queryidOf(String db, String query) throws SQLException {
        try (Connection c = cluster.superuser(db); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT queryid FROM pg_stat_statements WHERE query = '" + query + "'")) {
            assertThat(rs.next()).as("pg_stat_statements holds " + query).isTrue();
            return rs.getLong(1);
        }
    }

    /** A database of its own with the one-row table counter, for sessions to queue on. */
    private static String counterDatabase(String name) throws SQLException {
        String db = cluster.createDatabase(name);
        cluster.execute(db, "CREATE TABLE counter (id int PRIMARY KEY, n int)", "INSERT INTO counter VALUES (1, 0)");
        return db;
    }

    /** One session holds the row 700 ms at a time while three others update it, for the given time. */
    private static void queueForOneRow(String db, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        List<CompletableFuture<Void>> sessions = new ArrayList<>();
        sessions.add(CompletableFuture.runAsync(() -> session(db, end, s -> {
            s.execute("BEGIN");
            s.execute(UPDATE_COUNTER);
            s.execute("SELECT pg_sleep(0.7)");
            s.execute("COMMIT");
        })));
        Thread.sleep(100);
        for (int i = 0; i < 3; i++) {
            sessions.add(CompletableFuture.runAsync(() -> session(db, end,
                    s -> s.execute(UPDATE_COUNTER))));
        }
        CompletableFuture.allOf(sessions.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private static void session(String db, long end, SqlStep step) {
        try (Connection c = cluster.superuser(db); Statement s = c.createStatement()) {
            while (System.nanoTime() < end) {
                step.run(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlStep {
        void run(Statement statement) throws SQLException;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
