package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pgwarden check} run in-process against a real PostgreSQL 17 that asks every role but postgres for a
 * scram-sha-256 password: exit codes 0 to 3 and what is printed for each.
 */
class CheckCommandTest {

    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final Duration QUICKLY = Duration.ofSeconds(30);

    private static EmbeddedPostgres postgres;
    private static String healthyUrl;
    private static String unhealthyUrl;

    @TempDir
    Path reports;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.builder(17).setDataDirectoryCustomizer(PostgresServers::requirePasswordsExceptPostgres).start();
        PostgresServers.execute(postgres, "postgres",
                "CREATE ROLE alice LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE DATABASE app OWNER alice");
        healthyUrl = url(postgres, "app");
        String unhealthy = createDatabase(postgres, "cli");
        Problems.neverAnalyzedTable(postgres, unhealthy, "public.customers", 5000);
        unhealthyUrl = url(postgres, unhealthy);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static String alice(String password, String database) {
        return "postgresql://alice:" + password + "@localhost:" + postgres.getPort() + "/" + database;
    }

    @Test
    void passingCheckExitsZero() {
        CommandLineRun run = CommandLineRun.of("check", "--url", healthyUrl, "--check", "connection-saturation");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("passed +connection-saturation")
                .contains("1 passed, 0 failed, 0 skipped, 0 errors");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void passwordRoleWithRightPasswordExitsZeroAndThePasswordIsPrintedNowhere() throws IOException {
        CommandLineRun run = CommandLineRun.of("check", "--url", alice(PASSWORD, "app"), "--check", "connection-saturation",
                "--report-dir", reports.toString(), "--format", "console,json,junit");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("postgresql://alice@localhost:" + postgres.getPort() + "/app");
        assertPasswordNowhere(run);
    }

    @Test
    void failingCheckExitsOneNamingTheObject() {
        CommandLineRun run = CommandLineRun.of("check", "--url", unhealthyUrl, "--check", "missing-analyze");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("FAILED +missing-analyze")
                .contains("[warning] public.customers", "ANALYZE (VERBOSE) public.customers;")
                .contains("0 passed, 1 failed");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkThatErrorsExitsOne() throws Exception {
        String db = createDatabase(postgres, "cli_lock");
        PostgresServers.execute(postgres, db, "CREATE TABLE public.busy (id int)");
        try (var holder = PostgresServers.superuser(postgres, db); var s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE public.busy IN ACCESS EXCLUSIVE MODE");

            CommandLineRun run = CommandLineRun.of("check", "--url", url(postgres, db), "--check", "seq-scan-large-table",
                    "--set", "seq-scan-large-table.min_size=0kB", "--lock-timeout", "100ms");

            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).containsPattern("ERROR +seq-scan-large-table").contains("lock_timeout");
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of(), "give a command"),
                Arguments.of(List.of("nope"), "'nope'"),
                Arguments.of(List.of("check", "--no-such-option"), "--no-such-option"),
                Arguments.of(List.of("check", "--check", "nope"), "--check nope: unknown check 'nope'"),
                Arguments.of(List.of("check", "--set", "nope.max_age=1"), "--set nope.max_age: unknown check 'nope'"),
                Arguments.of(List.of("check", "--set", "xid-age.nope=1"), "--set xid-age.nope: check xid-age has no parameter 'nope'"),
                Arguments.of(List.of("check", "--set", "xid-age.max_age=lots"), "--set xid-age.max_age: expected a whole number, got 'lots'"),
                Arguments.of(List.of("check", "--set", "seq-scan-large-table.min_size=1XB"), "unknown unit 'XB'"),
                Arguments.of(List.of("check", "--set", "xid-age.max_age=-5"), "--set xid-age.max_age: must not be negative"),
                Arguments.of(List.of("check", "--set", "seq-scan-large-table.min_size=-1GB"), "must not be negative"),
                Arguments.of(List.of("check", "--set", "xid-age.max_age"), "--set xid-age.max_age: expected CHECK.PARAM=VALUE"),
                Arguments.of(List.of("check", "--set", "max_age=5"), "expected CHECK.PARAM=VALUE"),
                Arguments.of(List.of("check", "--url", "mysql://x"), "--url must be a JDBC URL"),
                Arguments.of(List.of("check", "--format", "html"), "--format html: unknown format"),
                Arguments.of(List.of("check", "--suite", "/no/such/dir/suite.yaml"), "/no/such/dir/suite.yaml: suite file does not exist"),
                Arguments.of(List.of("check", "--suite", "nightly"), "no suite named 'nightly'"),
                Arguments.of(List.of("check", "--statement-timeout", "soon"), "pgwarden.statement_timeout"),
                Arguments.of(List.of("check", "--connect-timeout", "0s"), "connectTimeout must be positive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageAndConfigurationErrorsExitTwoWithOneLineBeforeConnecting(List<String> args, String expected) {
        List<String> withUrl = new ArrayList<>(args);
        if (args.size() > 1 && !args.contains("--url")) {
            // A reachable target: exit 2 proves the error is found before anything runs against it.
            withUrl.addAll(List.of("--url", healthyUrl));
        }

        CommandLineRun run = CommandLineRun.of(withUrl.toArray(String[]::new)).failedWith(2);

        assertThat(run.errorLine()).contains(expected);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void reportDirectoryThatIsAFileExitsTwo() throws IOException {
        Path file = Files.writeString(reports.resolve("not-a-directory"), "x");

        CommandLineRun run = CommandLineRun.of("check", "--url", healthyUrl, "--report-dir", file.toString()).failedWith(2);

        assertThat(run.errorLine()).startsWith("pgwarden: --report-dir " + file);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void closedPortExitsThreeQuickly() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "postgresql://alice:" + PASSWORD + "@localhost:" + port + "/app";

        CommandLineRun run = assertTimeoutPreemptively(QUICKLY, () -> unreachableRun(url));

        assertThat(run.errorLine()).isEqualTo("pgwarden: cannot reach postgresql://alice@localhost:" + port + "/app: connection refused");
    }

    @Test
    void unknownHostExitsThree() {
        CommandLineRun run = assertTimeoutPreemptively(QUICKLY,
                () -> unreachableRun("postgresql://u:" + PASSWORD + "@no-such-host.invalid/db"));

        assertThat(run.errorLine()).startsWith("pgwarden: cannot reach postgresql://u@no-such-host.invalid:5432/db: unknown host");
    }

    @Test
    void wrongPasswordExitsThree() {
        CommandLineRun run = assertTimeoutPreemptively(QUICKLY, () -> unreachableRun(alice("wrong-" + PASSWORD, "app")));

        assertThat(run.errorLine()).startsWith("pgwarden: cannot log in to postgresql://alice@localhost:" + postgres.getPort()
                + "/app: authentication failed").contains("password authentication failed for user \"alice\"");
    }

    @Test
    void missingDatabaseExitsThree() {
        CommandLineRun run = assertTimeoutPreemptively(QUICKLY, () -> unreachableRun(alice(PASSWORD, "no_such_db")));

        assertThat(run.errorLine()).startsWith("pgwarden: cannot connect to postgresql://alice@localhost:" + postgres.getPort()
                + "/no_such_db: database does not exist");
    }

    @Test
    void aTargetThatCannotBeReachedIsAnErrorInTheJunitXmlNotAnEmptySuite() throws IOException {
        unreachableRun(alice("wrong-" + PASSWORD, "app"));

        String xml = Files.readString(reports.resolve("TEST-pgwarden.xml"));
        assertThat(xml).contains("tests=\"1\"", "errors=\"1\"",
                "<testcase name=\"target\" classname=\"pgwarden postgresql://alice@localhost:" + postgres.getPort() + "/app\"",
                "<error message=\"cannot log in to postgresql://alice@localhost:" + postgres.getPort() + "/app: authentication failed");
    }

    /** Runs with every report, then checks exit 3, the one error line, and that the password leaked nowhere. */
    private CommandLineRun unreachableRun(String url) throws IOException {
        CommandLineRun run = CommandLineRun.of("check", "--url", url, "--check", "connection-saturation",
                "--report-dir", reports.toString(), "--format", "console,json,junit").failedWith(3);
        assertPasswordNowhere(run);
        return run;
    }

    private void assertPasswordNowhere(CommandLineRun run) throws IOException {
        assertThat(run.out()).doesNotContain(PASSWORD);
        assertThat(run.err()).doesNotContain(PASSWORD);
        for (String report : List.of("pgwarden.json", "TEST-pgwarden.xml")) {
            Path file = reports.resolve(report);
            assertThat(file).as(report).exists();
            assertThat(Files.readString(file)).as(report).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aUsersBrokenRuleIsReportedBeforeAnythingConnects() throws Exception {
        java.nio.file.Path rules = java.nio.file.Files.createDirectories(reports.resolve("broken-rules"));
        java.nio.file.Files.writeString(rules.resolve("broken.drl"), "package dev.pgwarden.rules;\nrule \"x\" when then nonsense(\nend\n");
        java.nio.file.Files.writeString(rules.resolve("broken.yaml"), """
                id: broken
                title: Broken
                category: testing
                severity: warning
                description: Does not compile.
                findings:
                  found: {remediation: fix it, rollback: undo it}
                """);
        try (java.net.ServerSocket server = new java.net.ServerSocket(0)) {
            server.setSoTimeout(500);
            CommandLineRun run = CommandLineRun.of("check", "--url", "postgresql://monitor@localhost:" + server.getLocalPort() + "/app",
                    "--rules", rules.toString()).failedWith(2);
            assertThat(run.errorLine()).contains("broken.drl");
            org.assertj.core.api.Assertions.assertThatThrownBy(server::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }
}
