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
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.StreamingStandby;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A primary of its own with a real streaming standby: the standby is server-wide state. */
class UnloggedTablesCheckTest {

    private static final String CHECK = "unlogged-tables";
    private static final String QUOTED = "\"Hot Cache\".\"Sessions \"\"Live\"\"\"";
    private static EmbeddedPostgres primary;
    private static StreamingStandby standby;

    @BeforeAll
    static void startPrimaryWithStandby() throws Exception {
        primary = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR).start();
        standby = StreamingStandby.start(primary, "replica_a");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (standby != null) {
                standby.close();
            }
        } finally {
            primary.close();
        }
    }

    @Test
    void failsForAnUnloggedTableOnAPrimaryStreamingToAStandbyAndItsRemediationRunsAsWritten() throws Exception {
        String db = createDatabase(primary, "unlogged");
        execute(primary, db,
                "CREATE SCHEMA \"Hot Cache\"",
                "CREATE UNLOGGED TABLE " + QUOTED + " (id int, payload text)",
                "INSERT INTO " + QUOTED + " SELECT g, 'p' FROM generate_series(1, 1000) g",
                "CREATE TABLE public.orders (id int PRIMARY KEY)",
                "VACUUM ANALYZE");
        String monitor = MonitorRole.urlFor(primary, db);

        CheckResult result = Checks.run(url(primary, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly(QUOTED);
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("unlogged table (about 1000 rows, ")
                .endsWith("on a primary streaming to 1 standby(s): replica_a (streaming); its rows are on none of them");
        assertThat(finding.evidence()).containsEntry("standbys", 1).containsEntry("unlogged", true);
        assertThat(finding.rollback()).isEqualTo("ALTER TABLE " + QUOTED + " SET UNLOGGED;   -- rewrites the table again, under the same lock");
        assertThat(Checks.run(monitor, CHECK).findings()).extracting(Finding::object).containsExactly(QUOTED);

        execute(primary, db, "ALTER TABLE " + QUOTED + " SET LOGGED;");
        assertThat(finding.remediation()).contains("ALTER TABLE " + QUOTED + " SET LOGGED;");
        assertThat(Checks.run(url(primary, db), CHECK).status()).isEqualTo(Status.PASSED);
        execute(primary, db, "ALTER TABLE " + QUOTED + " SET UNLOGGED;");
        assertThat(Checks.run(url(primary, db), CHECK).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void passesOnAPrimaryWithStandbysWhenEveryTableIsLogged() throws Exception {
        String db = createDatabase(primary, "logged");
        execute(primary, db, "CREATE TABLE public.orders (id int PRIMARY KEY)");

        assertThat(Checks.run(url(primary, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void passesForAnUnloggedTableWhenNoStandbyStreams() throws Exception {
        EmbeddedPostgres alone = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(alone, "unlogged_alone");
        execute(alone, db, "CREATE UNLOGGED TABLE public.cache (id int)");

        assertThat(Checks.run(url(alone, db), CHECK).status()).isEqualTo(Status.PASSED);
    }
}
