package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password file is found where psql finds it: {@code PGPASSFILE}, else {@code $HOME/.pgpass}, else the
 * account's home (Java's {@code user.home}), against a server that asks alice for her password, so a login that
 * succeeds read the right file. HOME pointing elsewhere than the account's home is how CI containers and pods
 * running under an arbitrary UID look.
 */
class PasswordFileLocationTest {

    private static final String PASSWORD = "Home-Pa55-Loc";
    private static EmbeddedPostgres postgres;

    @TempDir
    Path home;
    @TempDir
    Path accountHome;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR).setDataDirectoryCustomizer(PostgresServers::requirePasswords).start();
        PostgresServers.execute(postgres, "postgres", "CREATE ROLE alice LOGIN PASSWORD '" + PASSWORD + "'");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private Map<String, String> target(String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("PGHOST", "localhost", "PGPORT", Integer.toString(postgres.getPort()),
                "PGUSER", "alice", "PGDATABASE", "postgres"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private String loginAs(Map<String, String> env) throws Exception {
        ConnectionSettings settings = new TargetResolver(env, accountHome, "osuser").resolve(null);
        try (TargetSession session = TargetSession.open(settings, SessionOptions.defaults());
             Statement s = session.connection().createStatement();
             ResultSet row = s.executeQuery("SELECT current_user")) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void pgpassInHomeIsReadWhenHomeIsNotTheAccountsHome() throws Exception {
        pgpass(home.resolve(".pgpass"), PASSWORD);
        pgpass(accountHome.resolve(".pgpass"), "wrong");

        assertThat(loginAs(target("HOME", home.toString()))).isEqualTo("alice");
    }

    @Test
    void withoutHomeTheAccountsHomeIsRead() throws Exception {
        pgpass(accountHome.resolve(".pgpass"), PASSWORD);

        assertThat(loginAs(target())).isEqualTo("alice");
        assertThat(loginAs(target("HOME", ""))).isEqualTo("alice");
    }

    @Test
    void withHomeTheAccountsHomeIsNotReadAsPsqlDoesNotReadIt() {
        pgpass(accountHome.resolve(".pgpass"), PASSWORD);

        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> loginAs(target("HOME", home.toString())));

        assertThat(e.getMessage()).startsWith("cannot log in to postgresql://alice@localhost:" + postgres.getPort() + "/postgres");
    }

    @Test
    void pgpassfileWinsOverHome() throws Exception {
        pgpass(home.resolve(".pgpass"), "wrong");
        Path elsewhere = pgpass(Files.createDirectories(home.resolve("elsewhere")).resolve("pass"), PASSWORD);

        assertThat(loginAs(target("HOME", home.toString(), "PGPASSFILE", elsewhere.toString()))).isEqualTo("alice");
    }

    private Path pgpass(Path file, String password) {
        try {
            Files.write(file, List.of("localhost:" + postgres.getPort() + ":*:alice:" + password));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
