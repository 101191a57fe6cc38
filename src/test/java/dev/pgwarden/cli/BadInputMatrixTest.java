package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input the README's troubleshooting table lists, run through {@link Main#run} in-process: the exit
 * code, exactly one line on stderr (the product's own and anything logged) saying what is wrong, no stack
 * trace, and the password of the URL nowhere in the output. The expected lines are the table's.
 *
 * <p>Placeholders in arguments and expected lines: {@code {dir}} a directory of prepared files, {@code {port}}
 * a PostgreSQL 17 that asks alice for a password, {@code {closed}} a port nobody listens on.
 */
class BadInputMatrixTest {

    private static final String PASSWORD = "Matr1x-Pa55-w0rd";
    /** Every rules/*.drl by id, sorted: read from the directory, not from the catalog the message comes from. */
    private static final String KNOWN_CHECKS = knownChecks();
    /** Why nobody may create a directory in /sys: root is refused by the kernel, others by the permissions. */
    private static final String NOT_WRITABLE = "root".equals(System.getProperty("user.name"))
            ? "operation not permitted" : "permission denied";
    /** A target that must never be reached: the errors before it are found without connecting. */
    private static final String NOWHERE = "postgresql://alice:" + PASSWORD + "@localhost:{closed}/app";
    private static final String ALICE = "postgresql://alice:" + PASSWORD + "@localhost:{port}/app";

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.builder(17).setDataDirectoryCustomizer(PostgresServers::requirePasswords).start();
        PostgresServers.execute(postgres, "postgres",
                "CREATE ROLE alice LOGIN PASSWORD '" + PASSWORD + "'", "CREATE DATABASE app OWNER alice");
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        prepareFiles();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static void prepareFiles() throws IOException {
        Files.writeString(dir.resolve("not-yaml.yaml"), "name: \"nightly\nchecks: {\n");
        Files.writeString(dir.resolve("wrong-types.yaml"), "name: nightly\nchecks:\n  xid-age:\n    parameters: 5\n");
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(Path.of("rules/connection-saturation.yaml"), rules.resolve("connection-saturation.yaml"));
        // Two rules with the same mistake ('thn' for 'then'): the compiler reports both, on one line.
        Files.writeString(rules.resolve("connection-saturation.drl"), String.join("\n",
                "package dev.pgwarden.rules;",
                "import dev.pgwarden.facts.ConnectionUsage;",
                "global dev.pgwarden.rules.FindingSink findings;",
                "rule \"saturated\"",
                "when",
                "    $u : ConnectionUsage(usedFraction > 0.9)",
                "thn",
                "    findings.report(\"saturated\", $u, \"full\");",
                "end",
                "rule \"nearly\"",
                "when",
                "    $u : ConnectionUsage(usedFraction > 0.5)",
                "thn",
                "    findings.report(\"saturated\", $u, \"nearly\");",
                "end",
                ""));
        Files.writeString(dir.resolve("empty.json"), "");
        byte[] binary = new byte[256];
        new Random(7).nextBytes(binary);
        Files.write(dir.resolve("binary.json"), binary);
        String captured = Files.readString(Path.of("src/test/resources/probe/captured/probe-json.out"));
        Files.writeString(dir.resolve("truncated.json"), captured.substring(0, captured.length() / 2));
        Files.writeString(dir.resolve("negative.json"), captured.replace("\"count\": 61989", "\"count\": -61989"));
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                bad("unknown command", 2, "pgwarden: Unmatched argument at index 0: 'frobnicate' (try 'pgwarden --help')",
                        "frobnicate"),
                bad("unknown option", 2, "pgwarden: Unknown option: '--frobnicate' (try 'pgwarden check --help')",
                        "check", "--url", NOWHERE, "--frobnicate"),
                bad("unknown check id", 2, "pgwarden: --check nope: unknown check 'nope' (known: " + KNOWN_CHECKS + ")",
                        "check", "--url", NOWHERE, "--check", "nope"),
                bad("--set unknown knob", 2,
                        "pgwarden: --set xid-age.nope: check xid-age has no parameter 'nope' (known: warn_age, max_age, warn_mxid_age, max_mxid_age, holder_share)",
                        "check", "--url", NOWHERE, "--set", "xid-age.nope=1"),
                bad("--set bad number", 2, "pgwarden: --set xid-age.max_age: expected a whole number, got 'lots'",
                        "check", "--url", NOWHERE, "--set", "xid-age.max_age=lots"),
                bad("--set bad unit", 2,
                        "pgwarden: --set seq-scan-large-table.min_size: unknown unit 'XB': expected a size such as 8kB, 100MB, 1GB or 2TB",
                        "check", "--url", NOWHERE, "--set", "seq-scan-large-table.min_size=1XB"),
                bad("--set negative value", 2, "pgwarden: --set xid-age.max_age: must not be negative, got -5",
                        "check", "--url", NOWHERE, "--set", "xid-age.max_age=-5"),
                bad("unknown platform", 2,
                        "pgwarden: --platform heroku: expected one of auto, self-managed, rds, aurora, cloudsql, alloydb, azure",
                        "check", "--url", NOWHERE, "--platform", "heroku"),
                bad("malformed URL", 2,
                        "pgwarden: port must be a number from 1 to 65535, got 'fivefourthreetwo' in --url 'postgresql://alice:****@localhost:fivefourthreetwo/app'",
                        "check", "--url", "postgresql://alice:" + PASSWORD + "@localhost:fivefourthreetwo/app"),
                bad("unknown host", 3,
                        "pgwarden: cannot reach postgresql://alice@no-such-host.invalid:5432/app: unknown host 'no-such-host.invalid'",
                        "check", "--url", "postgresql://alice:" + PASSWORD + "@no-such-host.invalid/app"),
                bad("closed port", 3, "pgwarden: cannot reach postgresql://alice@localhost:{closed}/app: connection refused",
                        "check", "--url", NOWHERE),
                bad("wrong password", 3,
                        "pgwarden: cannot log in to postgresql://alice@localhost:{port}/app: authentication failed: password authentication failed for user \"alice\"",
                        "check", "--url", "postgresql://alice:wrong-" + PASSWORD + "@localhost:{port}/app"),
                bad("database does not exist", 3,
                        "pgwarden: cannot connect to postgresql://alice@localhost:{port}/nope: database does not exist: database \"nope\" does not exist",
                        "check", "--url", "postgresql://alice:" + PASSWORD + "@localhost:{port}/nope"),
                bad("suite file missing", 2, "pgwarden: {dir}/nightly.yaml: suite file does not exist",
                        "check", "--url", NOWHERE, "--suite", "{dir}/nightly.yaml"),
                bad("suite file not YAML", 2, "pgwarden: {dir}/not-yaml.yaml: not a readable YAML suite: while scanning a quoted scalar",
                        "check", "--url", NOWHERE, "--suite", "{dir}/not-yaml.yaml"),
                bad("suite file with wrong types", 2,
                        "pgwarden: {dir}/wrong-types.yaml:4: key 'checks.xid-age.parameters': Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,java.lang.String>` from Integer value (token `JsonToken.VALUE_NUMBER_INT`)",
                        "check", "--url", NOWHERE, "--suite", "{dir}/wrong-types.yaml"),
                bad("rules directory missing", 2, "pgwarden: {dir}/no-rules: rules directory does not exist",
                        "check", "--url", NOWHERE, "--rules", "{dir}/no-rules"),
                bad("DRL syntax errors", 2, "pgwarden: {dir}/rules/connection-saturation.drl:8: [ERR 102] Line 8:4 mismatched input"
                        + " 'findings' in rule \"saturated\"; {dir}/rules/connection-saturation.drl:14: [ERR 102] Line 14:4 mismatched"
                        + " input 'findings' in rule \"nearly\"",
                        "check", "--url", NOWHERE, "--rules", "{dir}/rules"),
                bad("probe file missing", 2, "pgwarden: {dir}/probe.json: no such file",
                        "check", "--url", NOWHERE, "--probe", "{dir}/probe.json"),
                bad("probe file empty", 2,
                        "pgwarden: {dir}/empty.json: empty input; expected a pgwarden probe envelope, bpftrace -f json output or bpftrace text output",
                        "check", "--url", NOWHERE, "--probe", "{dir}/empty.json"),
                bad("probe file binary", 2,
                        "pgwarden: {dir}/binary.json: binary data, not text; expected a pgwarden probe envelope, bpftrace -f json output or bpftrace text output",
                        "check", "--url", NOWHERE, "--probe", "{dir}/binary.json"),
                bad("probe file truncated JSON", 2,
                        "pgwarden: {dir}/truncated.json: line 5: invalid or truncated JSON; expected a pgwarden probe envelope, bpftrace -f json output or bpftrace text output",
                        "check", "--url", NOWHERE, "--probe", "{dir}/truncated.json"),
                bad("probe histogram with a negative count", 2,
                        "pgwarden: {dir}/negative.json: line 6 @reads_us bucket 1: bucket count must not be negative, was -61989",
                        "check", "--url", NOWHERE, "--probe", "{dir}/negative.json"),
                bad("report directory not writable", 2,
                        "pgwarden: --report-dir /sys/pgwarden-reports: cannot create it (" + NOT_WRITABLE + ")",
                        "check", "--url", NOWHERE, "--report-dir", "/sys/pgwarden-reports"));
    }

    private static Arguments bad(String name, int exitCode, String expectedLine, String... args) {
        return Arguments.of(name, exitCode, expectedLine, List.of(args));
    }

    @ParameterizedTest(name = "{0}: exit {1}")
    @MethodSource("matrix")
    void badInputEndsWithItsExitCodeAndOneErrorLine(String name, int exitCode, String expectedLine, List<String> args) {
        String[] resolved = args.stream().map(BadInputMatrixTest::resolve).toArray(String[]::new);

        CapturedRun output = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CapturedRun.of(resolved));

        assertThat(output.exitCode()).as("exit code; stderr: %s", output.err()).isEqualTo(exitCode);
        assertThat(output.err().lines().toList()).as("stderr").containsExactly(resolve(expectedLine));
        assertThat(output.all()).doesNotContain("\tat ").doesNotContain(PASSWORD);
        if (exitCode == 2) {
            assertThat(output.out()).as("nothing ran, so no report").isEmpty();
        }
    }

    private static String resolve(String text) {
        return text.replace("{dir}", dir.toString())
                .replace("{port}", Integer.toString(postgres.getPort()))
                .replace("{closed}", Integer.toString(closedPort));
    }

    private static String knownChecks() {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            return String.join(", ", files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".drl"))
                    .map(n -> n.substring(0, n.length() - ".drl".length())).sorted().toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
