package dev.pgwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.connection.ConnectionSettings;
import dev.pgwarden.connection.SessionOptions;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session the command line opens while the rules load, taken by the run, on a real server. */
class SessionsOpenedAheadTest {

    private static EmbeddedPostgres postgres;
    private static String database;

    @BeforeAll
    static void database() throws SQLException {
        postgres = PostgresServers.shared(17);
        database = PostgresServers.createDatabase(postgres, "ahead");
    }

    private static ConnectionSettings settings() {
        return new ConnectionSettings("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", null, Map.of());
    }

    private static int backendPid(TargetSession session) throws SQLException {
        try (Statement statement = session.connection().createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    @Test
    void theRunTakesTheSessionOpenedAheadOnceAndOpensItsOwnAfter() throws Exception {
        SessionsOpenedAhead.open(settings(), SessionOptions.defaults());
        int ahead;
        try (TargetSession taken = SessionsOpenedAhead.take(settings(), SessionOptions.defaults())) {
            ahead = backendPid(taken);
            // prepared as any session is: read only, named pgwarden
            try (Statement statement = taken.connection().createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('default_transaction_read_only'), current_setting('application_name')")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("on");
                assertThat(row.getString(2)).isEqualTo("pgwarden");
            }
            try (TargetSession second = SessionsOpenedAhead.take(settings(), SessionOptions.defaults())) {
                assertThat(backendPid(second)).isNotEqualTo(ahead);
            }
        }
    }

    @Test
    void otherSettingsDoNotGetTheSessionOpenedAhead() throws Exception {
        SessionOptions shortStatements = new SessionOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
        SessionsOpenedAhead.open(settings(), SessionOptions.defaults());
        try (TargetSession other = SessionsOpenedAhead.take(settings(), shortStatements)) {
            try (Statement statement = other.connection().createStatement();
                 ResultSet row = statement.executeQuery("SHOW statement_timeout")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("1s");
            }
        }
        SessionsOpenedAhead.closeUntaken();
    }

    @Test
    void aSessionNobodyTookIsClosed() throws Exception {
        SessionsOpenedAhead.open(settings(), SessionOptions.defaults());
        // The same settings again: the one opening is kept, not a second opened beside it.
        SessionsOpenedAhead.open(settings(), SessionOptions.defaults());
        Polling.until("the session opened ahead to appear", Duration.ofSeconds(10), () -> applicationSessions() == 1);
        SessionsOpenedAhead.closeUntaken();
        Polling.until("the untaken session to be closed", Duration.ofSeconds(10), () -> applicationSessions() == 0);
    }

    private static long applicationSessions() {
        try {
            return ((Number) PostgresServers.queryValue(postgres, "postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                    + database + "' AND application_name = 'pgwarden'")).longValue();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnreachableServerIsReportedByTheRunThatTakesIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectionSettings nowhere = new ConnectionSettings("jdbc:postgresql://localhost:" + closedPort + "/app", "postgres", null, Map.of());
        SessionOptions options = new SessionOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
        String direct = catchThrowableOfType(TargetUnreachableException.class, () -> TargetSession.open(nowhere, options)).getMessage();
        SessionsOpenedAhead.open(nowhere, options);
        TargetUnreachableException ahead = catchThrowableOfType(TargetUnreachableException.class,
                () -> SessionsOpenedAhead.take(nowhere, options));
        assertThat(ahead).hasMessage(direct);
    }
}
