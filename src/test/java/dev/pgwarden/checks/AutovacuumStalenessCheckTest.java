package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.AutovacuumServer;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Migrations;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutovacuumStalenessCheckTest {

    private static final String CHECK = "autovacuum-staleness";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void failsForTableWithAutovacuumDisabledAndDeadTuples(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "avstale");
        execute(pg, db,
                "CREATE TABLE public.orders (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.orders SELECT generate_series(1, 20000)",
                "DELETE FROM public.orders");
        awaitDeadTuples(pg, db, "public.orders", 20000);

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("public.orders");
        assertThat(finding.remediation()).contains("VACUUM (VERBOSE, ANALYZE) public.orders;",
                "ALTER TABLE public.orders RESET (autovacuum_enabled);");
        assertThat(finding.rollback()).contains("ALTER TABLE public.orders SET (autovacuum_enabled = false);");
        assertThat(finding.evidence()).containsEntry("kind", "disabled-for-table").containsEntry("n_dead_tup", 20000);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesOnHealthyDatabase(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "avok");
        execute(pg, db,
                "CREATE TABLE public.orders (id int)",
                "INSERT INTO public.orders SELECT generate_series(1, 20000)",
                "DELETE FROM public.orders WHERE id <= 100");
        // The writing session flushes its statistics as its backend exits, which may be after the next
        // session starts: a late flush would count the inserts again after the VACUUM below.
        awaitDeadTuples(pg, db, "public.orders", 100);
        // What autovacuum would have done by now; the test server's naptime keeps it from doing it.
        execute(pg, db, "VACUUM (ANALYZE) public.orders");
        // Before 15 the collector hears of the VACUUM a moment later; until then the inserts still count.
        Polling.untilTableStatistics(pg, db, "public.orders", "last_vacuum IS NOT NULL AND n_ins_since_vacuum = 0");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }

    /**
     * What a deploy's migrations leave behind: 200,000 rows loaded into a new table, 40% of another deleted,
     * seconds before the gate runs. Both are far past their triggers, and autovacuum (on, its workers idle)
     * has not had its turn yet: the shared servers nap for an hour. That is no finding.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void passesRightAfterABulkLoadAndABulkDelete(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "avbulk");
        Migrations.loadNewTable(pg, db, "public.loaded", 200000);
        Migrations.loadNewTable(pg, db, "public.trimmed", 200000);
        Migrations.deletePercent(pg, db, "public.trimmed", 200000, 40);
        Polling.untilTableStatistics(pg, db, "public.loaded", "n_ins_since_vacuum = 200000 AND last_autovacuum IS NULL");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).as(String.valueOf(result.findings())).isEqualTo(Status.PASSED);
    }

    /**
     * A transaction that began before a VACUUM keeps every row version it may still see: the VACUUM ran,
     * the dead tuples stay, and they will stay whatever autovacuum does until the holder ends.
     */
    @Test
    void failsNamingTheTransactionThatKeptDeadTuplesThroughAVacuum() throws Exception {
        EmbeddedPostgres pg = AutovacuumServer.shared();
        String db = createDatabase(pg, "avheld");
        Migrations.loadNewTable(pg, db, "public.orders", 50000);
        // Autovacuum would analyze the new table any second, and ANALYZE replaces n_dead_tup with an estimate from
        // its sample (39,9xx as often as 40,0xx); the dead tuples counted here are the DELETE's and VACUUM's own.
        execute(pg, db, "ALTER TABLE public.orders SET (autovacuum_analyze_threshold = 2000000000)");
        try (Connection holder = AutovacuumServer.openTransaction(pg, db, "SELECT txid_current()")) {
            int pid = AutovacuumServer.pid(holder);
            execute(pg, db, "DELETE FROM public.orders WHERE id <= 40000");
            awaitDeadTuples(pg, db, "public.orders", 40000);
            execute(pg, db, "VACUUM public.orders");
            Polling.untilTableStatistics(pg, db, "public.orders", "last_vacuum IS NOT NULL AND n_dead_tup >= 40000");
            AutovacuumServer.awaitTransactionOpenFor(pg, db, pid, 3);

            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object).containsExactly("public.orders");
            Finding finding = result.findings().get(0);
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.message()).startsWith("40000 dead tuples")
                    .contains("although it was vacuumed at", "pid " + pid + " (postgres", "holds the xmin horizon");
            assertThat(finding.remediation()).startsWith("SELECT pg_terminate_backend(" + pid + ");")
                    .contains("VACUUM (VERBOSE, ANALYZE) public.orders;");
            assertThat(finding.rollback()).contains("cannot be undone");
            assertThat(finding.evidence())
                    .containsEntry("kind", "kept-by-horizon")
                    .containsEntry("horizon_holder_kind", "transaction")
                    .containsEntry("naptime_seconds", AutovacuumServer.NAPTIME_SECONDS);
        }
        // The holder gone, autovacuum (visiting every second) removes them and the check passes.
        Polling.untilTableStatistics(pg, db, "public.orders", "n_dead_tup < 10000");
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    /** Autovacuum vacuums with SKIP_LOCKED: a session holding a conflicting lock keeps it off the table. */
    @Test
    void failsNamingTheSessionWhoseLockAutovacuumCannotTake() throws Exception {
        EmbeddedPostgres pg = AutovacuumServer.shared();
        String db = createDatabase(pg, "avlocked");
        execute(pg, db, "CREATE TABLE public.orders (id int, note text)");
        try (Connection holder = AutovacuumServer.openTransaction(pg, db,
                "LOCK TABLE public.orders IN SHARE UPDATE EXCLUSIVE MODE")) {
            int pid = AutovacuumServer.pid(holder);
            execute(pg, db, "INSERT INTO public.orders SELECT g, md5(g::text) FROM generate_series(1, 50000) g");
            Polling.untilTableStatistics(pg, db, "public.orders", "n_ins_since_vacuum = 50000");
            AutovacuumServer.awaitTransactionOpenFor(pg, db, pid, 3);

            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object).containsExactly("public.orders");
            Finding finding = result.findings().get(0);
            assertThat(finding.message()).startsWith("50000 rows inserted since the last vacuum")
                    .contains("pid " + pid + " (postgres", "ShareUpdateExclusiveLock", "autovacuum skips a table it cannot lock");
            assertThat(finding.remediation()).startsWith("SELECT pg_terminate_backend(" + pid + ");")
                    .contains("VACUUM (VERBOSE, ANALYZE) public.orders;");
            assertThat(finding.evidence()).containsEntry("kind", "blocked-by-lock")
                    .containsEntry("lock_holder_mode", "ShareUpdateExclusiveLock")
                    .containsEntry("last_autovacuum", null);
        }
    }

    /**
     * One worker slot, taken by a vacuum throttled to a crawl: a table loaded meanwhile waits for a worker
     * that cannot start. Both maintenance checks name the waiting table; the one being vacuumed is handled.
     */
    @Test
    void failsForATableWaitingWhileEveryAutovacuumWorkerHasBeenBusyForNaptimes() throws Exception {
        try (EmbeddedPostgres pg = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                .setServerConfig("autovacuum_naptime", "1s")
                .setServerConfig("autovacuum_max_workers", "1")
                .start()) {
            String db = createDatabase(pg, "avbusy");
            execute(pg, db,
                    "CREATE TABLE public.archive (id int, note text)"
                            + " WITH (autovacuum_vacuum_cost_delay = 100, autovacuum_vacuum_cost_limit = 1)",
                    "INSERT INTO public.archive SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
            Polling.untilTableStatistics(pg, db, "public.archive", "n_live_tup = 20000");
            execute(pg, db, "DELETE FROM public.archive");
            Polling.untilTrue(pg, db, "SELECT count(*) = 1 FROM pg_stat_progress_vacuum WHERE relid = 'public.archive'::regclass");
            Migrations.loadNewTable(pg, db, "public.orders", 50000);
            Polling.until("the only worker busy for 3 naptimes", java.time.Duration.ofSeconds(20), () -> Boolean.TRUE.equals(
                    PostgresServers.queryValue(pg, db, "SELECT now() - backend_start > interval '3.5 s'"
                            + " FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")));

            CheckResult staleness = Checks.run(url(pg, db), CHECK);
            CheckResult analyze = Checks.run(url(pg, db), "missing-analyze");

            assertThat(staleness.findings()).extracting(Finding::object).containsExactly("public.orders");
            Finding finding = staleness.findings().get(0);
            assertThat(finding.message()).startsWith("50000 rows inserted since the last vacuum")
                    .contains("all 1 autovacuum workers have been busy since", "autovacuum_naptime 1s");
            assertThat(finding.remediation()).startsWith("VACUUM (VERBOSE, ANALYZE) public.orders;")
                    .contains("ALTER SYSTEM SET autovacuum_max_workers = <more than 1>;", "restart");
            assertThat(finding.rollback()).contains("ALTER SYSTEM SET autovacuum_max_workers = 1;");
            assertThat(finding.evidence()).containsEntry("kind", "workers-busy").containsEntry("busy_workers", 1);
            assertThat(analyze.findings()).extracting(Finding::object).containsExactly("public.orders");
            assertThat(analyze.findings().get(0).message()).startsWith("about 50000 rows and never analyzed")
                    .contains("all 1 autovacuum workers have been busy since");
        }
    }

    private static void awaitDeadTuples(EmbeddedPostgres pg, String db, String table, int deadTuples) throws Exception {
        Polling.untilTableStatistics(pg, db, table, "n_dead_tup >= " + deadTuples);
    }
}
