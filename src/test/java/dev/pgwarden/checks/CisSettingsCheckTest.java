package dev.pgwarden.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.DebianCluster;
import dev.pgwarden.testing.HardenedServer;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.ServerCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * cis-settings on Debian's PostgreSQL 15, as a pg_monitor role: a cluster configured as the benchmark asks
 * passes each control, and each control fails once its setting is weakened at the level it can be set
 * (database, role, or server with a reload); settings only a restart changes are judged on a second cluster
 * left as initdb and a few weak choices made it.
 */
class CisSettingsCheckTest {

    private static final String CHECK = "cis-settings";
    private static DebianCluster hardened;
    private static DebianCluster weak;
    private static Path files;
    private static String hardenedDb;
    private static String hardenedUrl;
    private static String weakUrl;

    @BeforeAll
    static void startClusters() throws Exception {
        // The certificate, key and log directory exist before the server starts, so postgresql.conf names them
        // and ALTER SYSTEM RESET in a test restores the hardened value.
        files = Files.createTempDirectory("pgwarden-cis-");
        Path cert = files.resolve("server.crt");
        Path key = files.resolve("server.key");
        Path logs = Files.createDirectories(files.resolve("log"));
        ServerCertificate.forLocalhost(cert, key);
        new ProcessBuilder("chown", "-R", "postgres:postgres", files.toString()).start().waitFor();
        new ProcessBuilder("chmod", "0600", key.toString()).start().waitFor();
        hardened = DebianCluster.builder()
                .setting("logging_collector", "on").setting("log_directory", "'" + logs + "'")
                .setting("log_truncate_on_rotation", "on")
                .setting("log_connections", "on").setting("log_disconnections", "on")
                .setting("log_error_verbosity", "verbose").setting("log_statement", "'ddl'")
                .setting("log_line_prefix", "'%m [%p]: db=%d,user=%u,app=%a,client=%h '")
                .setting("log_timezone", "'UTC'").setting("shared_preload_libraries", "'passwordcheck,auth_delay'")
                .setting("authentication_timeout", "'30s'").setting("log_replication_commands", "on")
                .setting("archive_mode", "on").setting("archive_command", "'/bin/true'")
                .setting("ssl", "on").setting("ssl_cert_file", "'" + cert + "'").setting("ssl_key_file", "'" + key + "'")
                .setting("ssl_min_protocol_version", "'TLSv1.3'")
                .setting("ssl_ciphers", "'ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384'")
                .start();
        hardenedDb = hardened.createDatabase("cis_hardened");
        hardenedUrl = monitorUrl(hardened, hardenedDb);
        weak = DebianCluster.builder().setting("listen_addresses", "'*'").start();
        String weakDb = weak.createDatabase("cis_weak");
        weakUrl = monitorUrl(weak, weakDb);
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (hardened != null) {
            hardened.close();
        }
        if (weak != null) {
            weak.close();
        }
        if (files != null) {
            new ProcessBuilder("rm", "-rf", files.toString()).inheritIO().start().waitFor();
        }
    }

    private static String monitorUrl(DebianCluster cluster, String db) throws Exception {
        return cluster.url(db).replace("user=postgres", "user=" + cluster.monitorRole(db));
    }

    @Test
    void aClusterConfiguredAsTheBenchmarkAsksFailsOnlyTheControlsWhoseLibrariesAreNotInstalledHere() {
        CheckResult result = Checks.run(hardenedUrl, CHECK);

        // pgAudit, set_user and PostgreSQL Anonymizer are not Debian packages on this machine; data checksums are
        // off unless initdb was given -k (the embedded PostgreSQL 18 test below has them on).
        assertThat(result.findings()).extracting(CisSettingsCheckTest::control)
                .containsOnly("1.4.3", "3.2", "4.8", "6.11");
        assertThat(result.details().controlIds()).startsWith("1.4.3, 3.1.2, 3.1.3").contains("6.10", "7.5");
    }

    /** Settings a reload changes: weakened with ALTER SYSTEM on the hardened cluster, then reset. */
    @ParameterizedTest(name = "CIS {0}: {1} = {2} fails")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            3.1.4  | log_directory            | ''                 |
            3.1.6  | log_file_mode            | '0644'             |
            3.1.7  | log_truncate_on_rotation | off                |
            3.1.11 | syslog_sequence_numbers  | off                | log_destination = 'stderr,syslog'
            3.1.12 | syslog_split_messages    | off                | log_destination = 'stderr,syslog'
            3.1.20 | log_connections          | off                |
            3.1.21 | log_disconnections       | off                |
            3.1.23 | log_hostname             | on                 |
            3.1.24 | log_line_prefix          | '%m [%p] '         |
            3.1.26 | log_timezone             | 'Europe/Paris'     |
            5.7    | authentication_timeout   | '5min'             |
            6.2    | ignore_system_indexes    | on                 |
            6.2    | jit_profiling_support    | on                 |
            6.2    | post_auth_delay          | '1'                |
            6.8    | ssl                      | off                |
            6.8    | ssl_min_protocol_version | 'TLSv1.2'          |
            6.10   | ssl_ciphers              | 'HIGH:MEDIUM:+3DES:!aNULL' |
            7.4    | archive_command          | ''                 |
            7.5    | primary_conninfo         | 'host=10.0.0.1 user=replicator' |
            """)
    void serverSettingFailsItsControlUntilReset(String control, String setting, String value, String precondition) throws Exception {
        List<String> before = precondition == null ? List.of() : List.of("ALTER SYSTEM SET " + precondition);
        try {
            reload(before, "ALTER SYSTEM SET " + setting + " = " + value);
            assertThat(findingsOf(Checks.run(hardenedUrl, CHECK), control))
                    .as("CIS %s with %s = %s", control, setting, value).isNotEmpty();
        } finally {
            reload(List.of(), "ALTER SYSTEM RESET " + setting);
        }
        assertThat(findingsOf(Checks.run(hardenedUrl, CHECK), control)).as("CIS %s once %s is reset", control, setting).isEmpty();
        if (precondition != null) {
            reload(List.of(), "ALTER SYSTEM RESET " + precondition.split("=")[0].strip());
        }
    }

    private static void reload(List<String> first, String statement) throws Exception {
        for (String sql : first) {
            hardened.execute("postgres", sql);
        }
        hardened.execute("postgres", statement, "SELECT pg_reload_conf()");
        Thread.sleep(300); // the postmaster rereads the files on SIGHUP, after pg_reload_conf() returns
    }

    /** log_connections is fixed at session start: ALTER DATABASE refuses it, so the remediation is ALTER SYSTEM, run as written. */
    @Test
    void aSettingFixedAtSessionStartIsRemediedWithAlterSystemAsWritten() throws Exception {
        try {
            reload(List.of(), "ALTER SYSTEM SET log_connections = off");
            Finding failed = findingsOf(Checks.run(hardenedUrl, CHECK), "3.1.20").get(0);
            String statement = "ALTER SYSTEM SET log_connections = on;";
            assertThat(failed.remediation()).contains(statement + " SELECT pg_reload_conf();", "takes effect in sessions started after a reload");
            reload(List.of(), statement);
            assertThat(findingsOf(Checks.run(hardenedUrl, CHECK), "3.1.20")).isEmpty();
        } finally {
            reload(List.of(), "ALTER SYSTEM RESET log_connections");
        }
    }

    @Test
    void libraryRemediationsListEachLibraryQuotedAndDataChecksumsNameNoStatement() {
        List<Finding> failed = Checks.run(weakUrl, CHECK).findings();
        assertThat(failed).filteredOn(f -> CisSettingsCheckTest.control(f).equals("3.2")).singleElement().satisfies(f -> assertThat(f.remediation())
                .contains("ALTER SYSTEM SET shared_preload_libraries = <each library listed now, quoted>, 'pgaudit';"));
        assertThat(failed).filteredOn(f -> CisSettingsCheckTest.control(f).equals("1.4.3")).singleElement().satisfies(f -> {
            assertThat(f.remediation()).contains("pg_checksums --enable").doesNotContain("null", " = on");
            assertThat(f.rollback()).isEqualTo("Nothing to undo: no statement changes it.");
        });
    }

    /** Settings a session takes from its database: weakened there, then set as the control asks. */
    @ParameterizedTest(name = "CIS {0}: {1} = {2} for the database fails, {3} passes")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            3.1.14 | log_min_messages         | 'error'   | 'warning'
            3.1.15 | log_min_error_statement  | 'panic'   | 'error'
            3.1.16 | debug_print_parse        | on        | off
            3.1.17 | debug_print_rewritten    | on        | off
            3.1.18 | debug_print_plan         | on        | off
            3.1.19 | debug_pretty_print       | off       | on
            3.1.22 | log_error_verbosity      | 'default' | 'verbose'
            3.1.25 | log_statement            | 'none'    | 'ddl'
            7.2    | log_replication_commands | off       | on
            """)
    void databaseSettingFailsItsControlAndPassesOnceSetAsAsked(String control, String setting, String failing, String passing)
            throws Exception {
        String db = hardened.createDatabase("cis_db_level");
        String url = monitorUrl(hardened, db);
        hardened.execute(db, "ALTER DATABASE " + db + " SET " + setting + " = " + failing);
        List<Finding> failed = findingsOf(Checks.run(url, CHECK), control);
        hardened.execute(db, "ALTER DATABASE " + db + " SET " + setting + " = " + passing);

        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo(setting);
            assertThat(f.message()).contains("(from database)");
            assertThat(f.remediation()).contains("ALTER DATABASE " + db + " SET " + setting);
        });
        assertThat(findingsOf(Checks.run(url, CHECK), control)).isEmpty();
    }

    @Test
    void aRoleThatTurnsStatementLoggingOffForItselfFailsNamingTheRole() throws Exception {
        String db = hardened.createDatabase("cis_role_level");
        hardened.execute(db, "CREATE ROLE cis_quiet LOGIN", "ALTER ROLE cis_quiet IN DATABASE " + db + " SET log_statement = 'none'");
        try {
            assertThat(findingsOf(Checks.run(monitorUrl(hardened, db), CHECK), "3.1.25")).singleElement().satisfies(f -> {
                assertThat(f.message()).contains("for role cis_quiet");
                assertThat(f.remediation()).contains("ALTER ROLE cis_quiet IN DATABASE " + db + " SET log_statement");
            });
        } finally {
            hardened.execute(db, "DROP ROLE IF EXISTS cis_quiet");
        }
    }

    /** Settings only a restart changes, and the libraries: the cluster left as initdb made it fails them. */
    @ParameterizedTest(name = "CIS {0}: {1} fails on the cluster left as initdb made it")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1.4.3 | data_checksums
            3.1.3 | logging_collector
            3.2   | shared_preload_libraries
            4.8   | shared_preload_libraries
            5.2   | listen_addresses
            5.6   | shared_preload_libraries
            5.7   | shared_preload_libraries
            6.11  | session_preload_libraries
            7.4   | archive_mode
            """)
    void restartSettingFailsOnTheClusterLeftAsInitdbMadeIt(String control, String setting) {
        assertThat(findingsOf(Checks.run(weakUrl, CHECK), control)).extracting(Finding::object).contains(setting);
    }

    @ParameterizedTest(name = "CIS {0} passes with {1} loaded")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            3.2  | pgaudit
            4.8  | set_user
            6.11 | anon
            """)
    void libraryControlsPassWhereTheLibraryIsInstalled(String control, String library) throws Exception {
        Assumptions.assumeTrue(Files.exists(DebianCluster.BIN.getParent().resolve("lib").resolve(library + ".so")),
                library + " is not installed for Debian's PostgreSQL 15 here (its Debian package); the failing case runs");
        String preload = control.equals("6.11") ? "session_preload_libraries" : "shared_preload_libraries";
        try (DebianCluster withLibrary = DebianCluster.builder().setting(preload, "'" + library + "'").start()) {
            String db = withLibrary.createDatabase("cis_library");
            assertThat(findingsOf(Checks.run(monitorUrl(withLibrary, db), CHECK), control)).isEmpty();
        }
    }

    @Test
    void restartSettingsPassOnTheHardenedClusterAndChecksumsOnPostgres18() throws Exception {
        assertThat(findingsOf(Checks.run(hardenedUrl, CHECK), "3.1.3")).isEmpty();
        assertThat(findingsOf(Checks.run(hardenedUrl, CHECK), "5.2")).isEmpty();
        assertThat(findingsOf(Checks.run(hardenedUrl, CHECK), "5.6")).isEmpty();
        String db = PostgresServers.createDatabase(HardenedServer.get(), "cis_checksums");
        assertThat(findingsOf(Checks.run(PostgresServers.url(HardenedServer.get(), db), CHECK), "1.4.3")).isEmpty();
    }

    @Test
    void levelOneLeavesTheLevelTwoControlsOut() {
        CheckResult both = Checks.run(weakUrl, CHECK);
        CheckResult levelOne = Checks.run(weakUrl, CHECK, "cis_level=1");

        assertThat(both.findings()).extracting(CisSettingsCheckTest::control).contains("3.1.22", "3.1.25", "1.4.3");
        assertThat(levelOne.findings()).extracting(CisSettingsCheckTest::control)
                .doesNotContain("3.1.22", "3.1.25", "1.4.3").contains("3.1.20");
        assertThat(levelOne.status()).isEqualTo(Status.FAILED);
    }

    static List<Finding> findingsOf(CheckResult result, String control) {
        assertThat(result.status()).as(result.reason()).isIn(Status.PASSED, Status.FAILED);
        return result.findings().stream().filter(f -> control(f).equals(control)).toList();
    }

    /** The control a finding names first: "CIS 3.1.20 (level 1: ...)". */
    static String control(Finding finding) {
        return finding.message().replaceFirst("^CIS ([0-9.]+)[ ,:].*$", "$1");
    }
}
