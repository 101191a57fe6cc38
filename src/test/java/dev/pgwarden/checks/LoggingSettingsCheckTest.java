package dev.pgwarden.checks;

import static dev.pgwarden.checks.DurabilitySettingsCheckTest.byObject;
import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.HardenedServer;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingSettingsCheckTest {

    private static final String CHECK = "logging-settings";
    private static final String ROTATION = "SELECT current_setting('log_rotation_age') = '%s'";

    @Test
    void failsOn13ForEachDiagnosticLogThatIsOffByDefault() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(13);
        String db = createDatabase(pg, "logging");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        Map<String, Finding> findings = byObject(result);
        assertThat(findings).containsOnlyKeys("log_min_duration_statement", "log_temp_files", "log_autovacuum_min_duration", "log_lock_waits");
        Finding slow = findings.get("log_min_duration_statement");
        assertThat(slow.severity()).isEqualTo(Severity.WARNING);
        assertThat(slow.message()).isEqualTo("log_min_duration_statement is -1 (off, from default): slow statements leave no trace in the log");
        assertThat(slow.remediation()).contains("ALTER DATABASE " + db + " SET log_min_duration_statement = '1s';",
                "takes effect in new sessions of database " + db);
        assertThat(slow.rollback()).isEqualTo("ALTER DATABASE " + db + " RESET log_min_duration_statement;");
        assertThat(findings.get("log_lock_waits").remediation()).contains("SET log_lock_waits = 'on';");
    }

    @Test
    void on17OnlyAutovacuumIsLoggedByDefault() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "logging17");

        assertThat(byObject(Checks.run(url(pg, db), CHECK))).containsOnlyKeys("log_min_duration_statement", "log_temp_files", "log_lock_waits");
        assertThat(byObject(Checks.run(MonitorRole.urlFor(pg, db), CHECK)))
                .containsOnlyKeys("log_min_duration_statement", "log_temp_files", "log_lock_waits");
    }

    @Test
    void failsWhenTheCollectorRotatesLessThanDailyAndTheRemediationAndRollbackRunAsWritten() throws Exception {
        EmbeddedPostgres pg = HardenedServer.get();
        String db = createDatabase(pg, "rotation");
        ServerSettings.change(pg, ROTATION.formatted("7d"), "ALTER SYSTEM SET log_rotation_age = '7d'");
        try {
            Finding finding = Checks.run(url(pg, db), CHECK).findings().get(0);

            assertThat(finding.object()).isEqualTo("log_rotation_age");
            assertThat(finding.message()).startsWith("the server log rotates only every 7d (log_rotation_age 7d from ALTER SYSTEM)");
            String fix = finding.remediation().lines().findFirst().orElseThrow().strip();
            assertThat(fix).isEqualTo("ALTER SYSTEM SET log_rotation_age = '1d'; SELECT pg_reload_conf();");
            assertThat(finding.rollback()).isEqualTo("ALTER SYSTEM SET log_rotation_age = '7d'; SELECT pg_reload_conf();");
            ServerSettings.change(pg, ROTATION.formatted("1d"), fix);
            assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
            ServerSettings.change(pg, ROTATION.formatted("7d"), finding.rollback());
            assertThat(Checks.run(url(pg, db), CHECK, "max_rotation_age=10080min").status()).as("a week allowed").isEqualTo(Status.PASSED);
        } finally {
            ServerSettings.change(pg, ROTATION.formatted("1d"), "ALTER SYSTEM RESET log_rotation_age");
        }
    }

    @Test
    void failsForARoleThatTurnsSlowStatementLoggingOffForItself() throws Exception {
        EmbeddedPostgres pg = HardenedServer.get();
        String db = createDatabase(pg, "logging_role");
        execute(pg, db, "CREATE ROLE batch_" + db + " LOGIN",
                "ALTER ROLE batch_" + db + " IN DATABASE " + db + " SET log_min_duration_statement = -1");
        try {
            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.findings()).extracting(Finding::object).containsExactly("log_min_duration_statement for role batch_" + db);
            assertThat(result.findings().get(0).remediation())
                    .contains("ALTER ROLE batch_" + db + " IN DATABASE " + db + " SET log_min_duration_statement = '1s';");
        } finally {
            execute(pg, "postgres", "DROP DATABASE " + db, "DROP ROLE batch_" + db);
        }
    }

    @Test
    void passesOnAServerThatLogsWhatAnIncidentNeeds() throws Exception {
        EmbeddedPostgres pg = HardenedServer.get();
        String db = createDatabase(pg, "logged");

        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }
}
