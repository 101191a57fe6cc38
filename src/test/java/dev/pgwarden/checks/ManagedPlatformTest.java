package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Managed services refuse ALTER SYSTEM: on a server that shows a provider's settings and roles, the
 * server-wide changes of a finding and their rollbacks read as the provider's CLI change. A server of its own,
 * since the sighup setting is set with ALTER SYSTEM and a provider's role is cluster-wide; each provider's
 * settings are set on a database of its own (custom settings with a dot need no extension).
 */
class ManagedPlatformTest {

    // A sighup setting the logging-settings check judges (ALTER SYSTEM level, so the rollback sets it back).
    private static final String SIGHUP = "log_autovacuum_min_duration";
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR).start();
        execute(pg, "postgres", "ALTER SYSTEM SET " + SIGHUP + " = -1", "SELECT pg_reload_conf()",
                "CREATE ROLE alloydbsuperuser NOLOGIN");
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    /** A database showing the given custom settings, e.g. {@code rds.extensions=pg_stat_statements}. */
    private static String databaseWith(String... settings) throws Exception {
        String db = createDatabase(pg, "platform");
        execute(pg, "postgres", Arrays.stream(settings)
                .map(s -> "ALTER DATABASE " + db + " SET \"" + s.substring(0, s.indexOf('=')) + "\" = '" + s.substring(s.indexOf('=') + 1) + "'")
                .toArray(String[]::new));
        return db;
    }

    private static Finding sighupFinding(String db, String platform) {
        CheckResult result = Checks.runOnPlatform(url(pg, db), platform, "logging-settings");
        return result.findings().stream().filter(f -> f.object().equals(SIGHUP)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + SIGHUP + " finding in " + result.findings()));
    }

    /** shared_buffers (context postmaster) through cache-hit-ratio, made to fail on any database with a read. */
    private static Finding postmasterFinding(String db, String platform) {
        CheckResult result = Checks.runOnPlatform(url(pg, db), platform, "cache-hit-ratio", "min_ratio=1", "min_reads=1");
        assertThat(result.findings()).as("cache-hit-ratio findings").isNotEmpty();
        return result.findings().get(0);
    }

    @Test
    void selfManagedKeepsAlterSystem() throws Exception {
        String db = databaseWith();
        Finding finding = sighupFinding(db, "auto");
        assertThat(finding.remediation()).contains("ALTER SYSTEM SET " + SIGHUP + " = '10min'; SELECT pg_reload_conf();");
        assertThat(finding.rollback()).isEqualTo("ALTER SYSTEM SET " + SIGHUP + " = '-1'; SELECT pg_reload_conf();");
    }

    @Test
    void oneWeakSignAloneIsNotAManagedService() throws Exception {
        // The role alloydbsuperuser exists on this server; a cloudsql.* setting that is not decisive is one sign too.
        assertThat(sighupFinding(databaseWith(), "auto").rollback()).startsWith("ALTER SYSTEM SET");
        assertThat(sighupFinding(databaseWith("cloudsql.enable_pgaudit=on"), "auto").rollback()).startsWith("ALTER SYSTEM SET");
    }

    @Test
    void amazonRdsFromItsExtensionsSetting() throws Exception {
        String db = databaseWith("rds.extensions=pg_stat_statements");
        Finding sighup = sighupFinding(db, "auto");
        assertThat(sighup.remediation()).contains(
                "aws rds modify-db-parameter-group --db-parameter-group-name <parameter-group> --parameters"
                + " \"ParameterName=log_autovacuum_min_duration,ParameterValue=10min,ApplyMethod=immediate\"  # applied without a reboot\n"
                + "log_autovacuum_min_duration is applied by Amazon RDS for PostgreSQL without a reboot.");
        assertThat(sighup.rollback()).isEqualTo(
                "aws rds modify-db-parameter-group --db-parameter-group-name <parameter-group> --parameters"
                + " \"ParameterName=log_autovacuum_min_duration,ParameterValue=-1,ApplyMethod=immediate\"  # applied without a reboot");
        Finding postmaster = postmasterFinding(db, "auto");
        assertThat(postmaster.remediation()).contains(
                "aws rds modify-db-parameter-group --db-parameter-group-name <parameter-group> --parameters"
                + " \"ParameterName=shared_buffers,ParameterValue=<about 25% of RAM>,ApplyMethod=pending-reboot\""
                + " && aws rds reboot-db-instance --db-instance-identifier <instance>"
                + "  # shared_buffers is static (context postmaster): it applies only after the reboot",
                "shared_buffers needs a reboot of the instance (context postmaster): book a maintenance window.");
        assertThat(postmaster.rollback()).contains(
                "aws rds modify-db-parameter-group --db-parameter-group-name <parameter-group> --parameters"
                + " \"ParameterName=shared_buffers,ParameterValue=128MB,ApplyMethod=pending-reboot\""
                + " && aws rds reboot-db-instance --db-instance-identifier <instance>");
        assertNoAlterSystem(sighup, postmaster);
    }

    @Test
    void auroraIsRdsWithAuroraSettings() throws Exception {
        String db = databaseWith("rds.extensions=pg_stat_statements", "apg_plan_mgmt.capture_plan_baselines=off");
        Finding sighup = sighupFinding(db, "auto");
        assertThat(sighup.rollback()).isEqualTo(
                "aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name <cluster-parameter-group> --parameters"
                + " \"ParameterName=log_autovacuum_min_duration,ParameterValue=-1,ApplyMethod=immediate\"  # applied without a reboot");
        Finding postmaster = postmasterFinding(db, "auto");
        assertThat(postmaster.rollback()).contains(
                "aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name <cluster-parameter-group> --parameters"
                + " \"ParameterName=shared_buffers,ParameterValue=128MB,ApplyMethod=pending-reboot\""
                + " && aws rds reboot-db-instance --db-instance-identifier <instance>");
        assertNoAlterSystem(sighup, postmaster);
    }

    @Test
    void cloudSqlFromItsIamAuthenticationFlag() throws Exception {
        String db = databaseWith("cloudsql.iam_authentication=on");
        Finding sighup = sighupFinding(db, "auto");
        assertThat(sighup.remediation()).contains("gcloud sql instances patch <instance> --database-flags=log_autovacuum_min_duration=10min"
                + "  # replaces every flag of the instance: first list them with gcloud sql instances describe <instance>"
                + " --format=\"value(settings.databaseFlags)\" and repeat the others here; applied without a restart");
        assertThat(sighup.rollback()).startsWith("gcloud sql instances patch <instance> --database-flags=log_autovacuum_min_duration=-1  #");
        Finding postmaster = postmasterFinding(db, "auto");
        assertThat(postmaster.remediation()).contains("--database-flags='shared_buffers=<about 25% of RAM>'",
                "shared_buffers is static (context postmaster): Cloud SQL restarts the instance to apply it");
        assertThat(postmaster.rollback()).contains("gcloud sql instances patch <instance> --database-flags=shared_buffers=128MB  #",
                "Cloud SQL restarts the instance to apply it");
        assertNoAlterSystem(sighup, postmaster);
    }

    @Test
    void alloyDbFromTwoSigns() throws Exception {
        // Its role (on this server) and a setting of its own that is not decisive alone.
        String db = databaseWith("alloydb.enable_pgaudit=on");
        Finding sighup = sighupFinding(db, "auto");
        assertThat(sighup.rollback()).startsWith("gcloud alloydb instances update <instance> --cluster=<cluster> --region=<region>"
                + " --database-flags=log_autovacuum_min_duration=-1  # replaces every flag of the instance: first list them with"
                + " gcloud alloydb instances describe <instance> --cluster=<cluster> --region=<region> and repeat the others here;"
                + " applied without a restart");
        Finding postmaster = postmasterFinding(db, "auto");
        assertThat(postmaster.rollback()).contains("--database-flags=shared_buffers=128MB",
                "shared_buffers is static (context postmaster): AlloyDB restarts the instance to apply it");
        assertNoAlterSystem(sighup, postmaster);
    }

    @Test
    void azureFlexibleServerFromItsExtensionsSetting() throws Exception {
        String db = databaseWith("azure.extensions=pg_stat_statements");
        Finding sighup = sighupFinding(db, "auto");
        assertThat(sighup.rollback()).isEqualTo("az postgres flexible-server parameter set --resource-group <resource-group>"
                + " --server-name <server> --name log_autovacuum_min_duration --value -1  # applied without a restart");
        Finding postmaster = postmasterFinding(db, "auto");
        assertThat(postmaster.rollback()).contains("az postgres flexible-server parameter set --resource-group <resource-group>"
                + " --server-name <server> --name shared_buffers --value 128MB"
                + " && az postgres flexible-server restart --resource-group <resource-group> --name <server>"
                + "  # shared_buffers is static (context postmaster): it applies only after the restart");
        assertNoAlterSystem(sighup, postmaster);
    }

    @Test
    void aMonitoringRoleSeesTheSameSigns() throws Exception {
        // Azure by its role and a setting of its own, neither decisive: what a pg_monitor role sees of both.
        execute(pg, "postgres", "CREATE ROLE azure_pg_admin NOLOGIN");
        try {
            String db = databaseWith("azure.accepted_password_auth_method=md5,scram-sha-256");
            String monitor = dev.pgwarden.testing.MonitorRole.urlFor(pg, db);
            CheckResult result = Checks.run(monitor, "logging-settings");
            Finding sighup = result.findings().stream().filter(f -> f.object().equals(SIGHUP)).findFirst().orElseThrow();
            assertThat(sighup.rollback()).isEqualTo("az postgres flexible-server parameter set --resource-group <resource-group>"
                    + " --server-name <server> --name log_autovacuum_min_duration --value -1  # applied without a restart");
        } finally {
            execute(pg, "postgres", "DROP ROLE azure_pg_admin");
        }
    }

    @Test
    void platformOptionOverridesDetection() throws Exception {
        assertThat(sighupFinding(databaseWith(), "azure").rollback()).startsWith("az postgres flexible-server parameter set");
        assertThat(sighupFinding(databaseWith("rds.extensions=plpgsql"), "self-managed").rollback())
                .isEqualTo("ALTER SYSTEM SET " + SIGHUP + " = '-1'; SELECT pg_reload_conf();");
    }

    @Test
    void reportsRecordThePlatform(@org.junit.jupiter.api.io.TempDir java.nio.file.Path reports) throws Exception {
        String db = databaseWith("rds.extensions=pg_stat_statements");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--check", "logging-settings", "--format", "console,json,junit",
                "--report-dir", reports.toString());

        assertThat(run.out()).startsWith("pgwarden: ").contains(" on Amazon RDS for PostgreSQL" + System.lineSeparator())
                .contains("aws rds modify-db-parameter-group");
        assertThat(java.nio.file.Files.readString(reports.resolve("pgwarden.json"))).contains("\"platform\" : \"rds\"");
        assertThat(java.nio.file.Files.readString(reports.resolve("TEST-pgwarden.xml")))
                .contains("<property name=\"pgwarden.platform\" value=\"rds\"/>");

        CliRun selfManaged = CliRun.of("check", "--url", url(pg, db), "--check", "logging-settings", "--platform", "self-managed",
                "--format", "console,json", "--report-dir", reports.toString());
        assertThat(selfManaged.out()).doesNotContain(" on Amazon RDS").contains("ALTER SYSTEM SET " + SIGHUP);
        assertThat(java.nio.file.Files.readString(reports.resolve("pgwarden.json"))).contains("\"platform\" : \"self-managed\"");
    }

    @Test
    void anUnknownPlatformIsAUsageError() {
        CliRun run = CliRun.of("check", "--url", url(pg, "postgres"), "--platform", "heroku");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--platform heroku: expected one of auto, self-managed, rds, aurora, cloudsql, alloydb, azure");
    }

    private static void assertNoAlterSystem(Finding... findings) {
        for (Finding f : findings) {
            assertThat(f.remediation() + f.rollback()).doesNotContain("ALTER SYSTEM", "pg_reload_conf");
        }
    }
}
