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
import dev.pgwarden.testing.OpenSession;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

class IdleInTransactionCheckTest {

    private static final String CHECK = "idle-in-transaction";

    @Test
    void failsNamingSessionsIdleInATransactionAbortedOrNot() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "idle_xact");
        String app = "app_" + db;
        execute(pg, db, "CREATE ROLE " + app + " LOGIN");
        try (OpenSession idle = OpenSession.open(pg, db, app, "forgot-to-commit");
             OpenSession aborted = OpenSession.open(pg, db, app, "failed-and-waiting");
             OpenSession active = OpenSession.open(pg, db, app, "working")) {
            idle.run("BEGIN", "SELECT 42");
            aborted.run("BEGIN");
            try {
                aborted.run("SELECT 1 / 0");
            } catch (java.sql.SQLException expected) {
                // leaves the transaction open and aborted
            }
            active.run("BEGIN");
            var running = active.runBlocked("SELECT pg_sleep(2)");
            Polling.untilTrue(pg, db, "SELECT state = 'active' FROM pg_stat_activity WHERE pid = " + active.pid());

            CheckResult result = Checks.run(url(pg, db), CHECK, "max_idle=0s");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object)
                    .containsExactlyInAnyOrder("pid " + idle.pid(), "pid " + aborted.pid());
            Finding finding = result.findings().stream().filter(f -> f.object().equals("pid " + idle.pid())).findFirst().orElseThrow();
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.message()).startsWith("idle in transaction for 00:00:0").contains(
                    "(limit 0 s)", "user " + app + ", application forgot-to-commit, client 127.0.0.1, database " + db,
                    "last query: SELECT …");
            assertThat(finding.remediation()).contains("SELECT pg_terminate_backend(" + idle.pid() + ");");
            assertThat(finding.remediation()).contains(
                    "ALTER DATABASE " + db + " SET idle_in_transaction_session_timeout = '5min';",
                    "takes effect in new sessions of database " + db);
            assertThat(finding.rollback()).contains("cannot be undone",
                    "ALTER DATABASE " + db + " RESET idle_in_transaction_session_timeout;");
            assertThat(result.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("idle in transaction (aborted) for"));
            running.join();
        }
    }

    @Test
    void aRoleWithItsOwnTimeoutGetsTheChangeAndTheRestoreAtItsOwnLevel() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "idle_xact_role");
        String app = "app_" + db;
        execute(pg, db, "CREATE ROLE " + app + " LOGIN", "ALTER ROLE " + app + " SET idle_in_transaction_session_timeout = '2h'");
        try (OpenSession idle = OpenSession.open(pg, db, app, "pooled").run("BEGIN", "SELECT 1")) {
            CheckResult result = Checks.run(url(pg, db), CHECK, "max_idle=0s");

            Finding finding = result.findings().get(0);
            assertThat(finding.object()).isEqualTo("pid " + idle.pid());
            assertThat(finding.remediation()).contains("It is 2h now (from role)",
                    "ALTER ROLE " + app + " SET idle_in_transaction_session_timeout = '5min';");
            assertThat(finding.rollback()).contains("ALTER ROLE " + app + " SET idle_in_transaction_session_timeout = '2h';");
        }
    }

    @Test
    void passesUnderTheDefaultLimitAndAsAPgMonitorRole() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "idle_xact_short");
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor");
        try (OpenSession idle = OpenSession.open(pg, db, "postgres", "between-statements").run("BEGIN", "SELECT 1")) {
            CheckResult byDefault = Checks.run(url(pg, db), CHECK);
            CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), CHECK, "max_idle=0s");

            assertThat(byDefault.status()).isEqualTo(Status.PASSED);
            assertThat(asMonitor.status()).isEqualTo(Status.FAILED);
            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly("pid " + idle.pid());
        }
    }
}
