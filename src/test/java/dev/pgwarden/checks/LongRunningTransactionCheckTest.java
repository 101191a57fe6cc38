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
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions of another role hold transactions open on the shared server while the check runs. */
class LongRunningTransactionCheckTest {

    private static final String CHECK = "long-running-transaction";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheSessionItsOwnerAndTheMaskedStartOfItsQuery(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "long_xact");
        String app = "app_" + db;
        execute(pg, db, "CREATE ROLE " + app + " LOGIN", "CREATE TABLE public.accounts (id int, secret text)",
                "GRANT ALL ON public.accounts TO " + app);
        try (OpenSession session = OpenSession.open(pg, db, app, "nightly-report")) {
            session.run("BEGIN", "UPDATE public.accounts SET secret = 'hunter2' WHERE id = 4711");

            CheckResult result = Checks.run(url(pg, db), CHECK, "max_duration=0s");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object).containsExactly("pid " + session.pid());
            Finding finding = result.findings().get(0);
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.message()).startsWith("transaction open for 00:00:0").contains(
                    "(limit 0 s): user " + app + ", application nightly-report, client 127.0.0.1, database " + db,
                    "now idle in transaction; query: UPDATE public.accounts SET secret = '…' WHERE id = …");
            assertThat(finding.message() + finding.remediation() + finding.evidence()).doesNotContain("hunter2", "4711");
            assertThat(finding.remediation()).contains("SELECT pg_terminate_backend(" + session.pid() + ");");
            // transaction_timeout exists from 17; before, statement_timeout bounds each statement.
            String timeout = major >= 17 ? "transaction_timeout" : "statement_timeout";
            assertThat(finding.remediation()).contains("ALTER DATABASE " + db + " SET " + timeout + " = '1h';",
                    timeout + " takes effect in new sessions of database " + db);
            assertThat(finding.rollback()).contains("cannot be undone", "ALTER DATABASE " + db + " RESET " + timeout + ";");
            assertThat(finding.evidence()).containsEntry("user_name", app).containsEntry("state", "idle in transaction")
                    .containsEntry("application_name", "nightly-report");

            CheckResult critical = Checks.run(url(pg, db), CHECK, "max_duration=0s", "critical_duration=0s");
            assertThat(critical.findings()).extracting(Finding::severity).containsExactly(Severity.CRITICAL);
        }
        try (OpenSession quoted = OpenSession.open(pg, db, app, "quoting")) {
            quoted.run("BEGIN", "SELECT E'it\\'s hunter3', 2.5e3 AS n, $tag$hunter4$tag$ AS s");

            Finding finding = Checks.run(url(pg, db), CHECK, "max_duration=0s").findings().get(0);

            assertThat(finding.message()).endsWith("query: SELECT '…', … AS n, $…");
            assertThat(finding.message() + finding.remediation() + finding.evidence()).doesNotContain("hunter3", "hunter4", "2.5e3");
        }
    }

    @Test
    void passesWhenNoOtherSessionIsInATransactionEvenAtZeroThreshold() throws Exception {
        // pgwarden's own session is inside its reading statement's transaction, and the server's own processes
        // (autovacuum launcher, checkpointer, WAL writer) are in pg_stat_activity too: none of them counts.
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "no_long_xact");
        try (OpenSession idle = OpenSession.open(pg, db, "postgres", "idle-outside-transaction")) {
            idle.run("SELECT 1");

            CheckResult result = Checks.run(url(pg, db), CHECK, "max_duration=0s", "critical_duration=0s");

            assertThat(result.status()).as(String.valueOf(result.findings())).isEqualTo(Status.PASSED);
        }
    }

    @Test
    void aPgMonitorRoleSeesAnotherRolesTransactionAndARoleWithoutItSkips() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "long_xact_monitor");
        String monitor = "monitor_" + db;
        String plain = "plain_" + db;
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor", "CREATE ROLE " + plain + " LOGIN");
        try (OpenSession session = OpenSession.open(pg, db, "postgres", "batch").run("BEGIN", "SELECT 1")) {
            CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), CHECK, "max_duration=0s");
            CheckResult asPlain = Checks.run(url(pg, db).replace("user=postgres", "user=" + plain), CHECK, "max_duration=0s");

            assertThat(asMonitor.status()).isEqualTo(Status.FAILED);
            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly("pid " + session.pid());
            assertThat(asMonitor.findings().get(0).message()).contains("user postgres, application batch");
            assertThat(asPlain.status()).isEqualTo(Status.SKIPPED);
            assertThat(asPlain.reason()).contains("role " + plain, "grant it pg_monitor");
        }
    }
}
