package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The password of the URL appears in no output: console, stderr, whatever logging writes, pgwarden.json,
 * TEST-pgwarden.xml (which carries the errors' messages), and with --verbose the stack traces too; for a
 * run that works, one that fails to log in or connect, and URLs pgwarden cannot even parse.
 */
class PasswordNowhereTest {

    private static final String PASSWORD = "Nowhere-Pa55-7q";
    private static EmbeddedPostgres postgres;

    @TempDir
    Path reports;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.builder(17).setDataDirectoryCustomizer(PostgresServers::requirePasswords).start();
        PostgresServers.execute(postgres, "postgres", "CREATE ROLE alice LOGIN PASSWORD '" + PASSWORD + "' IN ROLE pg_monitor");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "postgresql://alice:{pw}@localhost:{port}/postgres",
            "jdbc:postgresql://localhost:{port}/postgres?user=alice&password={pw}",
            "postgresql://alice:wrong{pw}@localhost:{port}/postgres",
            "postgresql://alice:{pw}@localhost:{port}/no_such_db",
            "postgresql://alice:{pw}@localhost:1/postgres",
            "postgresql://alice:{pw}@no-such-host.invalid/postgres",
            "postgresql://alice:{pw}@localhost:{port}/postgres?sslmode=sometimes",
            "postgresql://alice:{pw}@localhost:port/postgres",
            "postgresql://alice:{pw}@[::1/postgres",
            "postgresql://alice:{pw}@local host/postgres",
            "postgresql://alice:{pw}:{pw}@localhost/postgres",
            "postgresql://alice:%zz{pw}@localhost/postgres",
            "jdbc:postgresql://localhost:{port}/postgres?password={pw}&connectTimeout=soon",
            "jdbc:mysql://alice:{pw}@localhost/postgres",
            "{pw}"})
    void thePasswordIsInNoOutputOrReport(String url) throws IOException {
        String resolved = url.replace("{pw}", PASSWORD).replace("{port}", Integer.toString(postgres.getPort()));

        CapturedRun run = CapturedRun.of("check", "--url", resolved, "--check", "connection-saturation", "--verbose",
                "--report-dir", reports.toString());

        assertThat(run.exitCode()).as(run.all()).isIn(0, 2, 3);
        assertThat(run.all()).doesNotContain(PASSWORD);
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(PASSWORD);
            }
        }
    }
}
