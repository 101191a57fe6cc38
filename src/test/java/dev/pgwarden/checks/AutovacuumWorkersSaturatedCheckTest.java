package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server of its own with one autovacuum worker, which crawls through the test's tables (their own cost limit 1
 * and 100ms delay, so that catalogs elsewhere are vacuumed at the usual pace): it holds its slot on one table
 * while the other waits past its trigger.
 */
class AutovacuumWorkersSaturatedCheckTest {

    private static final String CHECK = "autovacuum-workers-saturated";
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                .setServerConfig("autovacuum_max_workers", "1")
                .setServerConfig("autovacuum_naptime", "1s")
                .start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Test
    void failsNamingTheWaitingTableAndTheWorkerOnlyOnceTheWorkerHasHeldItsSlotForMinBusy() throws Exception {
        String db = createDatabase(pg, "vacuum_backlog");
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN", "GRANT pg_monitor TO " + monitor);
        CheckResult idle = Checks.run(url(pg, db), CHECK, "min_busy=0s");

        String crawl = " WITH (autovacuum_enabled = off, autovacuum_vacuum_cost_limit = 1, autovacuum_vacuum_cost_delay = 100)";
        execute(pg, db, "CREATE TABLE first_churn (id int)" + crawl, "CREATE TABLE second_churn (id int)" + crawl,
                "INSERT INTO first_churn SELECT generate_series(1, 50000)", "INSERT INTO second_churn SELECT generate_series(1, 50000)",
                "DELETE FROM first_churn", "DELETE FROM second_churn");
        Polling.untilTableStatistics(pg, db, "second_churn", "n_dead_tup = 50000");
        // Both wait past their trigger now; let the one worker in on both, it can take only one at a time.
        execute(pg, db, "ALTER TABLE first_churn RESET (autovacuum_enabled)", "ALTER TABLE second_churn RESET (autovacuum_enabled)");
        Polling.until("the worker on one of the tables for 2s", Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
                PostgresServers.queryValue(pg, db, "SELECT now() - backend_start > interval '2s' FROM pg_stat_activity"
                        + " WHERE backend_type = 'autovacuum worker' AND query LIKE '%_churn%'")));
        String vacuumed = (String) PostgresServers.queryValue(pg, db, "SELECT relid::regclass::text FROM pg_stat_progress_vacuum");
        String waiting = vacuumed.equals("first_churn") ? "second_churn" : "first_churn";

        CheckResult saturated = Checks.run(url(pg, db), CHECK, "min_busy=1s");
        CheckResult burst = Checks.run(url(pg, db), CHECK);
        CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), CHECK, "min_busy=1s");

        assertThat(idle.status()).isEqualTo(Status.PASSED);
        assertThat(saturated.status()).isEqualTo(Status.FAILED);
        Finding finding = saturated.findings().get(0);
        assertThat(finding.object()).isEqualTo("127.0.0.1:" + pg.getPort());
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("all 1 autovacuum workers busy", "1 tables of " + db + " wait past their vacuum trigger",
                "public." + waiting + " (50000 dead, trigger 50, last vacuum never)", "in " + db + ": VACUUM",
                "public." + vacuumed + " for 00:00:");
        assertThat(finding.evidence()).containsEntry("waiting_tables", 1).containsEntry("busy_workers", 1);
        assertThat(finding.remediation()).contains("ALTER SYSTEM SET autovacuum_vacuum_cost_limit = '2000'; SELECT pg_reload_conf();",
                "ALTER SYSTEM SET autovacuum_max_workers = '2';", "autovacuum_max_workers is set on the server's command line", "a restart of the server applies them");
        assertThat(finding.remediation()).contains("ALTER TABLE " + vacuumed + " SET (autovacuum_vacuum_cost_delay = 0);");
        assertThat(finding.rollback()).contains("ALTER TABLE " + vacuumed + " SET (autovacuum_vacuum_cost_delay = 100);");
        assertThat(finding.rollback()).contains("Restore autovacuum_vacuum_cost_limit (-1, from default)",
                "ALTER SYSTEM RESET autovacuum_vacuum_cost_limit; SELECT pg_reload_conf();",
                "Restore autovacuum_max_workers (1, from command line)");
        // Seconds of saturation are a burst to the default min_busy of 10 minutes.
        assertThat(burst.status()).isEqualTo(Status.PASSED);
        assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly(finding.object());
        assertThat(asMonitor.findings().get(0).message()).contains("public." + waiting);
    }
}
