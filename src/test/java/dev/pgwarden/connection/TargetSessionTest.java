package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Sessions on a real PostgreSQL that asks for passwords (scram-sha-256) from everyone but postgres. */
class TargetSessionTest {

    private static final String PASSWORD = "Pa55-w0rd-N0t-Sh0wn";
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(PostgresServers::requirePasswords)
                .start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE alice LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE app OWNER alice");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static ConnectionSettings alice(String database, String password) {
        return new ConnectionSettings("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
                "alice", password, Map.of());
    }

    private static String show(TargetSession session, String setting) throws SQLException {
        try (Statement statement = session.connection().createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void sessionIsReadOnly() throws Exception {
        try (TargetSession session = TargetSession.open(alice("app", PASSWORD), SessionOptions.defaults())) {
            assertThat(show(session, "transaction_read_only")).isEqualTo("on");
            assertThat(session.connection().getAutoCommit()).isTrue();
            SQLException e = catchThrowableOfType(SQLException.class, () -> {
                try (Statement statement = session.connection().createStatement()) {
                    statement.execute("CREATE TABLE must_not_exist (id int)");
                }
            });
            assertThat(e.getSQLState()).isEqualTo("25006");
        }
    }

    @Test
    void timeoutsAndApplicationNameAreSetAsAsked() throws Exception {
        SessionOptions options = new SessionOptions(Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofSeconds(3));
        try (TargetSession session = TargetSession.open(alice("app", PASSWORD), options)) {
            assertThat(show(session, "statement_timeout")).isEqualTo("1500ms");
            assertThat(show(session, "lock_timeout")).isEqualTo("2s");
            assertThat(show(session, "application_name")).isEqualTo("pgwarden");
        }
    }

    @Test
    void subMillisecondTimeoutsRoundUpToOneMillisecondInsteadOfTurningTheLimitOff() throws Exception {
        SessionOptions options = new SessionOptions(Duration.ofNanos(1_000), Duration.ofNanos(500_000), Duration.ofSeconds(3));
        try (TargetSession session = TargetSession.open(alice("app", PASSWORD), options)) {
            assertThat(show(session, "statement_timeout")).isEqualTo("1ms");
            assertThat(show(session, "lock_timeout")).isEqualTo("1ms");
        }
    }

    @Test
    void zeroTimeoutsStillTurnTheLimitOff() throws Exception {
        SessionOptions options = new SessionOptions(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(3));
        try (TargetSession session = TargetSession.open(alice("app", PASSWORD), options)) {
            assertThat(show(session, "statement_timeout")).isEqualTo("0");
            assertThat(show(session, "lock_timeout")).isEqualTo("0");
        }
    }

    @Test
    void defaultTimeoutsAreTenAndFiveSeconds() throws Exception {
        try (TargetSession session = TargetSession.open(alice("app", PASSWORD), SessionOptions.defaults())) {
            assertThat(show(session, "statement_timeout")).isEqualTo("10s");
            assertThat(show(session, "lock_timeout")).isEqualTo("5s");
        }
    }

    @Test
    void serverVersionIsReported() throws Exception {
        try (TargetSession session = TargetSession.open(alice("app", PASSWORD), SessionOptions.defaults())) {
            int expected = Integer.parseInt(show(session, "server_version_num"));
            assertThat(session.serverVersionNum()).isEqualTo(expected).isBetween(170000, 179999);
            assertThat(session.majorVersion()).isEqualTo(17);
            assertThat(session.describe()).isEqualTo("postgresql://alice@localhost:" + postgres.getPort() + "/app");
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        TargetSession session = TargetSession.open(alice("app", PASSWORD), SessionOptions.defaults());
        session.close();
        session.close();
        assertThat(session.connection().isClosed()).isTrue();
    }

    @Test
    void resolvedSettingsFromAUriConnect() throws Exception {
        ConnectionSettings settings = new TargetResolver(Map.of(), Path.of("/nonexistent"), "osuser")
                .resolve("postgresql://alice:" + PASSWORD + "@localhost:" + postgres.getPort() + "/app?sslmode=disable");
        try (TargetSession session = TargetSession.open(settings, SessionOptions.defaults())) {
            assertThat(show(session, "transaction_read_only")).isEqualTo("on");
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        TargetUnreachableException e = unreachable(alice("app", PASSWORD + "-wrong"));
        assertThat(e.getMessage())
                .startsWith("cannot log in to postgresql://alice@localhost:" + postgres.getPort() + "/app: authentication failed")
                .contains("password authentication failed for user \"alice\"");
        assertNoPassword(e, PASSWORD);
    }

    @Test
    void missingPasswordSaysWhereToPutOne() {
        TargetUnreachableException e = unreachable(alice("app", null));
        assertThat(e.getMessage()).contains("authentication failed", "none was given", "PGPASSWORD");
    }

    @Test
    void missingDatabaseIsNamed() {
        TargetUnreachableException e = unreachable(alice("no_such_db", PASSWORD));
        assertThat(e.getMessage()).contains("database does not exist", "no_such_db");
        assertNoPassword(e, PASSWORD);
    }

    @Test
    void closedPortFailsFastAsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectionSettings settings = new ConnectionSettings("jdbc:postgresql://localhost:" + port + "/app",
                "alice", PASSWORD, Map.of());
        TargetUnreachableException e = unreachable(settings);
        assertThat(e.getMessage()).isEqualTo("cannot reach postgresql://alice@localhost:" + port + "/app: connection refused");
        assertNoPassword(e, PASSWORD);
    }

    @Test
    void unknownHostFailsFast() {
        ConnectionSettings settings = new ConnectionSettings("jdbc:postgresql://no-such-host.invalid:5432/app",
                "alice", PASSWORD, Map.of());
        TargetUnreachableException e = unreachable(settings);
        assertThat(e.getMessage()).startsWith("cannot reach postgresql://alice@no-such-host.invalid:5432/app: ");
        assertNoPassword(e, PASSWORD);
    }

    @Test
    void silentServerTimesOutInsteadOfHanging() throws IOException {
        // accepts TCP connections (the backlog does) but never answers the startup packet
        try (ServerSocket silent = new ServerSocket(0)) {
            ConnectionSettings settings = new ConnectionSettings(
                    "jdbc:postgresql://localhost:" + silent.getLocalPort() + "/app", "alice", PASSWORD, Map.of());
            SessionOptions options = new SessionOptions(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1));
            TargetUnreachableException e = assertTimeoutPreemptively(GENEROUS, () -> catchThrowableOfType(
                    TargetUnreachableException.class, () -> TargetSession.open(settings, options).close()));
            assertThat(e.getMessage()).startsWith("cannot reach postgresql://alice@localhost:" + silent.getLocalPort() + "/app: ");
            assertNoPassword(e, PASSWORD);
        }
    }

    private static TargetUnreachableException unreachable(ConnectionSettings settings) {
        Executable open = () -> TargetSession.open(settings, SessionOptions.defaults()).close();
        return assertTimeoutPreemptively(GENEROUS,
                () -> catchThrowableOfType(TargetUnreachableException.class, open::execute));
    }

    /** The whole chain, since a CLI with --verbose prints causes too. */
    private static void assertNoPassword(Throwable e, String password) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(password).doesNotContain("\n");
            assertThat(t.toString()).doesNotContain(password);
        }
    }
}
