package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.report.AllureReport;
import dev.pgwarden.report.JunitXmlReport;
import dev.pgwarden.report.OpenTestReport;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar the build just made, run as users run it (its own JVM, so its command line holds the URL, which a test
 * JVM's does not) against a server that asks for a password, with the password in each place a user can give it
 * (a URL, a keyword/value string, PGPASSWORD, a pgpass file, a connection service file) and every report format
 * at once: no byte of any file under the report directory, nor of either output stream, holds the password or its
 * URL-encoded form. Each run must also log in, so the password was really used.
 */
class SecretsNowhereIT {

    // ':', '/', '@' and '+' differ in every encoding a URL, a JDBC URL, a pgpass line and YAML use.
    private static final String PASSWORD = "Nw7:s/ecr@t+x";
    private static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    private static final String ALL_FORMATS = String.join(",", ReportFormats.KNOWN);
    private static final Path JAR = Path.of("target/pgwarden.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("target/pgwarden").toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static EmbeddedPostgres postgres;
    private static int port;

    @TempDir
    Path home;
    @TempDir
    Path reports;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR).setDataDirectoryCustomizer(PostgresServers::requirePasswords).start();
        port = postgres.getPort();
        PostgresServers.execute(postgres, "postgres", "CREATE ROLE warden LOGIN PASSWORD '" + PASSWORD + "' IN ROLE pg_monitor");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private String uri(String userInfo, String query) {
        return "postgresql://" + userInfo + "@localhost:" + port + "/postgres" + query;
    }

    @Test
    void inTheUrisUserInfo() throws Exception {
        assertLoggedInAndSecretNowhere(java(Map.of(), "--url", uri("warden:" + ENCODED, "")));
    }

    @Test
    void inTheUrisQuery() throws Exception {
        assertLoggedInAndSecretNowhere(java(Map.of(), "--url", uri("warden", "?password=" + ENCODED)));
    }

    @Test
    void inAJdbcUrlsPasswordProperty() throws Exception {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=warden&password=" + ENCODED;
        assertLoggedInAndSecretNowhere(java(Map.of(), "--url", url));
    }

    @Test
    void inAKeywordValueString() throws Exception {
        String settings = "host=localhost port=" + port + " dbname=postgres user=warden password='" + PASSWORD + "'";
        assertLoggedInAndSecretNowhere(java(Map.of(), "--url", settings));
    }

    @Test
    void inPgpassword() throws Exception {
        assertLoggedInAndSecretNowhere(java(Map.of("PGPASSWORD", PASSWORD), "--url", uri("warden", "")));
    }

    @Test
    void inPgpassUnderHomeWhichIsNotTheAccountsHome() throws Exception {
        pgpass(home.resolve(".pgpass"));
        assertLoggedInAndSecretNowhere(java(Map.of(), "--url", uri("warden", "")));
    }

    @Test
    void inPgpassfile() throws Exception {
        Path file = pgpass(Files.createDirectories(home.resolve("secrets")).resolve("pgpass"));
        assertLoggedInAndSecretNowhere(java(Map.of("PGPASSFILE", file.toString()), "--url", uri("warden", "")));
    }

    @Test
    void inAFleetFile() throws Exception {
        Path fleet = Files.writeString(home.resolve("fleet.yaml"), "targets:\n  - name: main\n    url: '" + uri("warden:" + ENCODED, "") + "'\n");
        Run run = java(Map.of(), "--targets", fleet.toString());
        assertLoggedInAndSecretNowhere(run);
        assertThat(reports.resolve("main").resolve(JunitXmlReport.FILE_NAME)).exists();
    }

    @Test
    void inTheUsersServiceFileNamedByPgservice() throws Exception {
        services(home.resolve(".pg_service.conf"), "postgres");
        assertLoggedInAndSecretNowhere(java(Map.of("PGSERVICE", "warden")));
    }

    @Test
    void inPgservicefileNamedInTheUrl() throws Exception {
        Path file = services(Files.createDirectories(home.resolve("secrets")).resolve("services.conf"), "postgres");
        assertLoggedInAndSecretNowhere(java(Map.of("PGSERVICEFILE", file.toString()), "--url", "postgresql:///?service=warden"));
    }

    @Test
    void inTheSystemServiceFileUnderPgsysconfdir() throws Exception {
        Path etc = Files.createDirectories(home.resolve("etc"));
        services(etc.resolve("pg_service.conf"), "postgres");
        assertLoggedInAndSecretNowhere(java(Map.of("PGSYSCONFDIR", etc.toString()), "--url", "jdbc:postgresql:///?service=warden"));
    }

    @Test
    void inAServiceFileAFleetFileNames() throws Exception {
        services(home.resolve(".pg_service.conf"), "postgres");
        Path fleet = Files.writeString(home.resolve("fleet.yaml"), "targets:\n  - name: main\n    url: 'postgresql:///?service=warden'\n");
        assertLoggedInAndSecretNowhere(java(Map.of(), "--targets", fleet.toString()));
    }

    @Test
    void inAServiceFileOfAVerboseRunThatCannotConnect() throws Exception {
        services(home.resolve(".pg_service.conf"), "no_such_db");
        Run run = java(Map.of("PGSERVICE", "warden"), "--verbose");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("database does not exist");
        assertSecretNowhere(run);
    }

    @Test
    void inTheUrlOfAVerboseRunThatCannotConnect() throws Exception {
        Run run = java(Map.of(), "--url", uri("warden:" + ENCODED, "").replace("/postgres", "/no_such_db"), "--verbose");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("database does not exist");
        assertSecretNowhere(run);
    }

    @Test
    void throughTheLauncher() throws Exception {
        Path cache = Files.createDirectories(home.resolve("cache"));
        // With its class-data archive, as users run it: the first check writes the archive into the cache.
        Run run = run(List.of(LAUNCHER.toString()), Map.of("XDG_CACHE_HOME", cache.toString(), "PGWARDEN_CDS", "on",
                "JAVA", JAVA.toString()), "--url", uri("warden:" + ENCODED, ""));

        assertLoggedInAndSecretNowhere(run);
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files).as("the launcher's class-data archive").anyMatch(file -> file.toString().endsWith(".jsa"));
        }
        assertThat(bytesWithTheSecret(cache)).as("the launcher's cache").isEmpty();
    }

    private void assertLoggedInAndSecretNowhere(Run run) throws IOException {
        assertThat(run.exit()).as(run.toString()).isIn(ExitCodes.OK, ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("passed   connection-saturation", "PGWARDEN ");
        assertSecretNowhere(run);
        try (Stream<Path> files = Files.walk(reports)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).map(file -> file.getFileName().toString())
                    .contains(JunitXmlReport.FILE_NAME, AllureReport.ENVIRONMENT_FILE, "pgwarden.json", "pgwarden.sarif",
                            "pgwarden.md", "pgwarden.prom")
                    .anyMatch(name -> name.endsWith("-attachment.sql"));
            assertThat(written).anyMatch(file -> file.getParent().getFileName().toString().equals(OpenTestReport.DIRECTORY));
        }
    }

    private void assertSecretNowhere(Run run) throws IOException {
        for (String form : List.of(PASSWORD, ENCODED)) {
            assertThat(run.out()).as("standard output").doesNotContain(form);
            assertThat(run.err()).as("standard error").doesNotContain(form);
        }
        assertThat(bytesWithTheSecret(reports)).as("files under the report directory").isEmpty();
    }

    /** Every regular file under the directory, read as bytes, that holds the password in any of its forms. */
    private static List<Path> bytesWithTheSecret(Path directory) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                if (contains(content, PASSWORD) || contains(content, ENCODED)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] content, String text) {
        // ISO 8859-1 maps each byte to one char, so any byte sequence is found, whatever the file's encoding.
        return new String(content, StandardCharsets.ISO_8859_1).contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    private Path pgpass(Path file) throws IOException {
        Files.writeString(file, "localhost:" + port + ":*:warden:" + PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A service file whose service {@code warden} logs in with the password, as libpq reads it (taken as written). */
    private Path services(Path file, String database) throws IOException {
        Files.writeString(file, "[other]\nhost=elsewhere\n\n[warden]\nhost=localhost\nport=" + port + "\ndbname=" + database
                + "\nuser=warden\npassword=" + PASSWORD + "\n");
        return file;
    }

    record Run(int exit, String out, String err) {
    }

    private Run java(Map<String, String> environment, String... target) throws Exception {
        return run(List.of(JAVA.toString(), "-jar", JAR.toString()), environment, target);
    }

    /** {@code pgwarden check} with every format, HOME a directory of the test's and no PG* variable but those given. */
    private Run run(List<String> pgwarden, Map<String, String> environment, String... target) throws Exception {
        List<String> command = new ArrayList<>(pgwarden);
        command.add("check");
        command.addAll(List.of(target));
        command.addAll(List.of("--check", "connection-saturation", "--check", "xid-age", "--report-dir", reports.toString(),
                "--format", ALL_FORMATS));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PG") || name.equals("JAVA_OPTS") || name.equals("JAVA_TOOL_OPTIONS"));
        env.put("HOME", home.toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("PGWARDEN_CDS", "off");  // the one launcher run turns it on
        env.putAll(new HashMap<>(environment));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = process.waitFor();
        return new Run(exit, Files.readString(out), Files.readString(err));
    }
}
