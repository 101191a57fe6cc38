package dev.pgwarden.checks;

import static dev.pgwarden.checks.CisSettingsCheckTest.findingsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.DebianCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CIS checks that read the catalog and pg_hba.conf (cis-roles, cis-hba, cis-locations, public-schema-create's
 * CIS reading, cis-manual) on one Debian PostgreSQL 15 cluster of this class, as a pg_monitor role (with the
 * grants on pg_hba_file_rules the README shows, for cis-hba). pg_hba_file_rules parses the file when read, so a
 * test writes pg_hba.conf and restores it without reloading: the server keeps accepting the tests' logins.
 */
class CisCatalogChecksTest {

    private static final List<String> WEAK_HBA = List.of(
            "local all all trust",
            "host all all 127.0.0.1/32 trust",
            "host all postgres 0.0.0.0/0 scram-sha-256");
    private static final List<String> STRICT_HBA = List.of(
            "local all postgres peer",
            "local all all scram-sha-256",
            "hostssl appdb app 10.0.0.0/24 scram-sha-256",
            "hostssl replication replicator 10.0.0.0/24 scram-sha-256",
            "hostnossl all all 0.0.0.0/0 reject");
    private static DebianCluster cluster;
    private static String db;
    private static String monitorUrl;
    private static Path hbaFile;
    private static List<String> hbaAsStarted;

    @BeforeAll
    static void start() throws Exception {
        cluster = DebianCluster.builder().start();
        db = cluster.createDatabase("cis_catalog");
        String monitor = cluster.monitorRole(db);
        cluster.execute(db, "GRANT SELECT ON pg_hba_file_rules TO " + monitor,
                "GRANT EXECUTE ON FUNCTION pg_hba_file_rules() TO " + monitor);
        monitorUrl = cluster.url(db).replace("user=postgres", "user=" + monitor);
        hbaFile = cluster.dataDirectory().resolve("pg_hba.conf");
        hbaAsStarted = Files.readAllLines(hbaFile);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            Files.write(hbaFile, hbaAsStarted);
            cluster.close();
        }
    }

    @ParameterizedTest(name = "CIS {0} fails on a weak pg_hba.conf and passes on a strict one")
    @ValueSource(strings = {"5.3", "5.4", "5.8", "5.9", "5.10", "5.11"})
    void hbaControlFailsOnWeakLinesAndPassesOnStrictOnes(String control) throws Exception {
        try {
            Files.write(hbaFile, WEAK_HBA);
            List<Finding> weak = findingsOf(Checks.run(monitorUrl, "cis-hba"), control);
            Files.write(hbaFile, STRICT_HBA);
            List<Finding> strict = findingsOf(Checks.run(monitorUrl, "cis-hba"), control);

            assertThat(weak).isNotEmpty().allSatisfy(f -> assertThat(f.object()).startsWith("pg_hba.conf line "));
            assertThat(strict).isEmpty();
        } finally {
            Files.write(hbaFile, hbaAsStarted);
        }
    }

    @Test
    void hbaNamesTheLinesAndTheSuperuser() throws Exception {
        try {
            Files.write(hbaFile, WEAK_HBA);
            CheckResult result = Checks.run(monitorUrl, "cis-hba");
            assertThat(findingsOf(result, "5.11")).singleElement().satisfies(f -> {
                assertThat(f.object()).isEqualTo("pg_hba.conf line 3");
                assertThat(f.message()).contains("superuser postgres").contains("0.0.0.0");
            });
            assertThat(findingsOf(result, "5.9")).singleElement().satisfies(f -> assertThat(f.message()).contains("admits 4294967296 addresses"));
        } finally {
            Files.write(hbaFile, hbaAsStarted);
        }
    }

    @Test
    void hbaIsSkippedNamingTheGrantForAPlainPgMonitorRole() throws Exception {
        String plain = cluster.monitorRole(cluster.createDatabase("cis_plain"));
        CheckResult result = Checks.run(cluster.url("postgres").replace("user=postgres", "user=" + plain), "cis-hba");

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).contains("permission denied", "pg_hba_file_rules",
                "GRANT SELECT ON pg_hba_file_rules", "GRANT EXECUTE ON FUNCTION pg_hba_file_rules()");
    }

    @Test
    void loginRoleWithoutAConnectionLimitFailsUntilItHasOne() throws Exception {
        cluster.execute(db, "CREATE ROLE cis_app LOGIN");
        try {
            assertThat(findingsOf(Checks.run(monitorUrl, "cis-roles"), "5.5")).extracting(Finding::object).contains("cis_app");
            cluster.execute(db, "ALTER ROLE cis_app CONNECTION LIMIT 20");
            assertThat(findingsOf(Checks.run(monitorUrl, "cis-roles"), "5.5")).extracting(Finding::object).doesNotContain("cis_app");
        } finally {
            cluster.execute(db, "DROP ROLE cis_app");
        }
    }

    @Test
    void replicationOnlyRoleMissingFailsUntilOneExists() throws Exception {
        assertThat(findingsOf(Checks.run(monitorUrl, "cis-roles"), "7.1")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no login role has REPLICATION without being a superuser"));
        cluster.execute(db, "CREATE ROLE cis_replicator LOGIN REPLICATION CONNECTION LIMIT 5");
        try {
            assertThat(findingsOf(Checks.run(monitorUrl, "cis-roles"), "7.1")).isEmpty();
        } finally {
            cluster.execute(db, "DROP ROLE cis_replicator");
        }
    }

    @Test
    void cryptographicExtensionIsAvailableFromDebiansPackage() {
        // The failing case needs an installation without contrib; the rule is the same "not AvailableExtension".
        assertThat(findingsOf(Checks.run(monitorUrl, "cis-roles"), "6.9")).isEmpty();
    }

    @Test
    void tablespaceInsideTheDataDirectoryFailsOneOutsidePasses() throws Exception {
        Path inside = cluster.dataDirectory().resolve("cis_inside");
        Path outside = cluster.dataDirectory().getParent().resolve("cis_outside");
        for (Path dir : List.of(inside, outside)) {
            Files.createDirectories(dir);
            new ProcessBuilder("chown", "postgres:postgres", dir.toString()).start().waitFor();
        }
        cluster.execute("postgres", "CREATE TABLESPACE cis_inside LOCATION '" + inside + "'",
                "CREATE TABLESPACE cis_outside LOCATION '" + outside + "'");
        try {
            CheckResult result = Checks.run(monitorUrl, "cis-locations");
            assertThat(findingsOf(result, "1.9")).extracting(Finding::object).containsExactly("cis_inside");
            assertThat(findingsOf(result, "8.1")).extracting(Finding::object).containsExactly("cis_inside");
        } finally {
            cluster.execute("postgres", "DROP TABLESPACE cis_inside", "DROP TABLESPACE cis_outside");
        }
        assertThat(findingsOf(Checks.run(monitorUrl, "cis-locations"), "1.9")).isEmpty();
    }

    @Test
    void relativeLogDirectoryWithTheCollectorOnFailsAnAbsoluteOneOutsidePasses() throws Exception {
        try {
            cluster.execute("postgres", "ALTER SYSTEM SET log_directory = 'log'", "SELECT pg_reload_conf()");
            // logging_collector needs a restart: judge it as a server started with it would be seen.
            assertThat(findingsOf(Checks.run(monitorUrl, "cis-locations"), "3.1.27")).as("collector off: not judged").isEmpty();
        } finally {
            cluster.execute("postgres", "ALTER SYSTEM RESET log_directory", "SELECT pg_reload_conf()");
        }
        try (DebianCluster collecting = DebianCluster.builder().setting("logging_collector", "on").start()) {
            String other = collecting.createDatabase("cis_logdir");
            String url = collecting.url(other).replace("user=postgres", "user=" + collecting.monitorRole(other));
            assertThat(findingsOf(Checks.run(url, "cis-locations"), "3.1.27")).extracting(Finding::object).containsExactly("log_directory");
            collecting.execute("postgres", "ALTER SYSTEM SET log_directory = '" + collecting.dataDirectory().getParent() + "'",
                    "SELECT pg_reload_conf()");
            Thread.sleep(300);
            assertThat(findingsOf(Checks.run(url, "cis-locations"), "3.1.27")).isEmpty();
        }
    }

    @Test
    void publicSchemaUsageFailsOnlyInTheCisReading() {
        assertThat(Checks.run(monitorUrl, "public-schema-create").status()).isEqualTo(Status.PASSED);
        CheckResult cis = Checks.run(monitorUrl, "public-schema-create", "cis_reading=true");

        assertThat(cis.findings()).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("public");
            assertThat(f.message()).startsWith("CIS 4.10: PUBLIC (every role) may use schema public");
            assertThat(f.remediation()).contains("REVOKE USAGE ON SCHEMA public FROM PUBLIC;");
        });
    }

    @Test
    void everyReportNamesTheControls(@org.junit.jupiter.api.io.TempDir Path reports) throws Exception {
        dev.pgwarden.testing.CliRun run = dev.pgwarden.testing.CliRun.of("check", "--url", monitorUrl, "--suite", "cis",
                "--report-dir", reports.toString(), "--format", "junit,sarif,markdown,allure");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(Files.readString(reports.resolve("TEST-pgwarden.xml")))
                .contains("<property name=\"cis.5.5\" value=\"level 1: Ensure per-account connection limits are used\"/>");
        assertThat(Files.readString(reports.resolve("pgwarden.sarif"))).contains("\"CIS 5.5 (level 1)\"", "\"CIS 7.1 (level 1)\"");
        assertThat(Files.readString(reports.resolve("pgwarden.md")))
                .contains("| status | check | CIS | severity |", "| `cis-roles` | 5.5, 7.1, 6.9 |");
        try (var results = Files.list(reports.resolve("allure-results"))) {
            String allure = String.join("\n", results.filter(f -> f.toString().endsWith("-result.json")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
            assertThat(allure).containsPattern("\"name\"\\s*:\\s*\"cis\"\\s*,\\s*\"value\"\\s*:\\s*\"5\\.5\"");
        }
    }

    @Test
    void manualControlsAreListedSkippedWithTheirReasons() {
        CheckResult result = Checks.run(monitorUrl, "cis-manual");

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).startsWith("judged by a person, not by pgwarden: CIS 1.2 (level 1")
                .contains("CIS 4.5 (level 1, Ensure excessive function privileges are revoked): the benchmark's Manual control");
        assertThat(result.details().controls()).hasSize(20);
        assertThat(Checks.run(monitorUrl, "cis-manual", "cis_level=1").reason()).doesNotContain("CIS 1.4.5");
    }

    /** A report of the Level 1 profile names the controls it judged, not the Level 2 ones the check can also judge. */
    @Test
    void controlsAboveTheCheckedLevelAreNotNamed() {
        assertThat(Checks.run(monitorUrl, "cis-roles").details().controlIds()).contains("6.9");

        CheckResult level1 = Checks.run(monitorUrl, "cis-roles", "cis_level=1");

        assertThat(level1.details().controlIds()).doesNotContain("6.9").contains("5.5", "7.1");
        assertThat(level1.details().controls()).allSatisfy(control -> assertThat(control.level()).isEqualTo(1));
    }
}
