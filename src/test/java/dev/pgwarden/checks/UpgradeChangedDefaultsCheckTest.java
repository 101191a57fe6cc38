package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PostgreSQL 13 server of the class's own whose postgresql.conf sets vacuum_defer_cleanup_age (removed in 16),
 * force_parallel_mode (renamed debug_parallel_query in 16) and ssl_ecdh_curve (renamed ssl_groups in 18, which
 * still takes the old name), checked as a pg_monitor role.
 */
class UpgradeChangedDefaultsCheckTest {

    private static final String CHECK = "upgrade-changed-defaults";
    private static EmbeddedPostgres pg;
    private static Path conf;

    @BeforeAll
    static void startServerWithSettingsThatLaterMajorsDropped() throws IOException {
        pg = PostgresServers.builder(13).setDataDirectoryCustomizer(UpgradeChangedDefaultsCheckTest::configure).start();
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    private static void configure(java.io.File dataDirectory) {
        conf = dataDirectory.toPath().resolve("postgresql.conf");
        try {
            Files.writeString(conf, String.join("\n", "",
                    "vacuum_defer_cleanup_age = 100",
                    "force_parallel_mode = off",
                    "ssl_ecdh_curve = 'prime256v1'", ""), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Finding> byObject(CheckResult result) {
        return result.findings().stream().collect(Collectors.toMap(Finding::object, Function.identity()));
    }

    @ParameterizedTest(name = "--target-version {0}")
    @ValueSource(ints = {16, 17})
    void aSettingRemovedAndOneRenamedIn16InPostgresqlConfAreCriticalWithTheNewName(int target) throws Exception {
        String db = createDatabase(pg, "gone");

        CheckResult result = Checks.runForUpgrade(MonitorRole.urlFor(pg, db), target, CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Map<String, Finding> found = byObject(result);
        Finding removed = found.get("vacuum_defer_cleanup_age");
        assertThat(removed.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(removed.message()).contains("vacuum_defer_cleanup_age = 100 (from " + conf + " line",
                "PostgreSQL 16 removed vacuum_defer_cleanup_age");
        assertThat(removed.remediation()).contains("hot_standby_feedback",
                "-- delete the line setting vacuum_defer_cleanup_age in " + conf);
        Finding renamed = found.get("force_parallel_mode");
        assertThat(renamed.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(renamed.message()).contains("PostgreSQL 16 renamed force_parallel_mode to debug_parallel_query");
        assertThat(renamed.remediation()).contains("-- in " + conf + ": debug_parallel_query = 'off';");
        assertThat(found).doesNotContainKey("ssl_ecdh_curve");
    }

    /**
     * A database's own value is named with the database, and removed and set again there. It hides the line of
     * postgresql.conf from this database's sessions (only pg_file_settings, for superusers, shows both): the
     * remediation gives that query.
     */
    @Test
    void aRenamedSettingOfADatabaseIsResetThereAndItsValueGivenToTheNewName() throws Exception {
        String db = createDatabase(pg, "gone_db");
        execute(pg, db, "ALTER DATABASE " + db + " SET force_parallel_mode = on");

        Map<String, Finding> found = byObject(Checks.runForUpgrade(MonitorRole.urlFor(pg, db), 16, CHECK));

        Finding ofDatabase = found.get("force_parallel_mode for database " + db);
        assertThat(ofDatabase.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(ofDatabase.remediation()).contains("ALTER DATABASE " + db + " RESET force_parallel_mode;",
                "ALTER DATABASE " + db + " SET debug_parallel_query = 'on';",
                "SELECT sourcefile, sourceline, setting FROM pg_file_settings WHERE name = 'force_parallel_mode';");
        assertThat(ofDatabase.rollback()).contains("ALTER DATABASE " + db + " SET force_parallel_mode = 'on';");
        assertThat(found).containsKey("vacuum_defer_cleanup_age").doesNotContainKey("force_parallel_mode");
    }

    /** A removed setting set with ALTER SYSTEM is reset there, and set back there by the rollback. */
    @Test
    void aRemovedSettingOfAlterSystemIsResetAndRestoredWithAlterSystem() throws Exception {
        String db = createDatabase(pg, "gone_system");
        String fromAutoConf = "SELECT sourcefile LIKE '%postgresql.auto.conf' FROM pg_settings WHERE name = 'promote_trigger_file'";
        ServerSettings.change(pg, fromAutoConf, "ALTER SYSTEM SET promote_trigger_file = '/tmp/promote'");
        try {
            Finding finding = byObject(Checks.runForUpgrade(MonitorRole.urlFor(pg, db), 16, CHECK)).get("promote_trigger_file");

            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.message()).contains("(from ALTER SYSTEM)", "PostgreSQL 16 removed promote_trigger_file");
            assertThat(finding.remediation()).contains("pg_ctl promote or SELECT pg_promote()",
                    "ALTER SYSTEM RESET promote_trigger_file; SELECT pg_reload_conf();");
            assertThat(finding.rollback()).contains("ALTER SYSTEM SET promote_trigger_file = '/tmp/promote'; SELECT pg_reload_conf();");
        } finally {
            ServerSettings.change(pg, "SELECT source = 'default' FROM pg_settings WHERE name = 'promote_trigger_file'",
                    "ALTER SYSTEM RESET promote_trigger_file");
        }
    }

    @Test
    void aSettingAtItsDefaultWhoseDefaultChangesIsNamedWithBothValues() throws Exception {
        String db = createDatabase(pg, "defaults");

        Finding finding = byObject(Checks.runForUpgrade(MonitorRole.urlFor(pg, db), 17, CHECK)).get("password_encryption");

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("PostgreSQL 13's built-in default, md5",
                "from PostgreSQL 14 the default is scram-sha-256");
        assertThat(finding.remediation()).contains("ALTER SYSTEM SET password_encryption = 'md5'; SELECT pg_reload_conf();",
                "takes effect on reload");
        assertThat(finding.rollback()).contains("ALTER SYSTEM RESET password_encryption; SELECT pg_reload_conf();");
    }

    @Test
    void aRenamedSettingWhoseOldNameTheTargetStillTakesIsAWarning() throws Exception {
        String db = createDatabase(pg, "alias");

        Finding finding = byObject(Checks.runForUpgrade(MonitorRole.urlFor(pg, db), 18, CHECK)).get("ssl_ecdh_curve");

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("PostgreSQL 18 renamed ssl_ecdh_curve to ssl_groups; it still accepts the old name");
        assertThat(finding.remediation()).contains("ssl_groups = 'prime256v1'");
    }

    /** The pins the findings give make the check pass; their rollbacks bring the findings back. */
    @Test
    void passesOnceTheChangedDefaultsArePinnedAndFailsAgainAfterTheRollback() throws Exception {
        String db = createDatabase(pg, "pinned");
        String monitor = MonitorRole.urlFor(pg, db);
        CheckResult before = Checks.runForUpgrade(monitor, 14, CHECK);
        assertThat(byObject(before)).containsOnlyKeys("checkpoint_completion_target", "password_encryption", "vacuum_cost_page_miss");
        assertThat(byObject(before).get("checkpoint_completion_target").message()).contains("default, 0.5", "default is 0.9");

        String pinned = "SELECT count(*) = 3 FROM pg_settings WHERE source = 'configuration file' AND name IN "
                + "('checkpoint_completion_target', 'password_encryption', 'vacuum_cost_page_miss')";
        ServerSettings.change(pg, pinned, statements(before, Finding::remediation, "ALTER SYSTEM SET"));
        try {
            assertThat(Checks.runForUpgrade(monitor, 14, CHECK).status()).isEqualTo(Status.PASSED);
        } finally {
            String reset = "SELECT count(*) = 3 FROM pg_settings WHERE source = 'default' AND name IN "
                    + "('checkpoint_completion_target', 'password_encryption', 'vacuum_cost_page_miss')";
            ServerSettings.change(pg, reset, statements(before, Finding::rollback, "ALTER SYSTEM RESET"));
        }
        assertThat(byObject(Checks.runForUpgrade(monitor, 14, CHECK))).containsOnlyKeys(byObject(before).keySet().toArray(String[]::new));
    }

    @Test
    void isSkippedWhenTheTargetIsTheRunningMajor() throws Exception {
        String db = createDatabase(pg, "same");

        CheckResult result = Checks.runForUpgrade(MonitorRole.urlFor(pg, db), 13, CHECK);

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
    }

    /** The ALTER SYSTEM statements of the findings' texts, each up to its semicolon. */
    private static String[] statements(CheckResult result, Function<Finding, String> text, String prefix) {
        return result.findings().stream().map(text).flatMap(String::lines).map(String::strip)
                .filter(line -> line.startsWith(prefix)).map(line -> line.substring(0, line.indexOf(';')))
                .toArray(String[]::new);
    }
}
