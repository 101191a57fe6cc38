package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgwarden.testing.DebianCluster;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions over the Unix socket of Debian's PostgreSQL 15, whose pg_hba.conf lets local connections in by peer
 * authentication only: the server takes the OS user of this JVM as proof, with no password anywhere.
 */
class UnixSocketSessionTest {

    private static final String OS_USER = System.getProperty("user.name");
    private static DebianCluster cluster;

    @TempDir
    Path home;
    @TempDir
    Path noSocket;

    @BeforeAll
    static void start() throws SQLException {
        cluster = DebianCluster.builder().hba(List.of("local all all peer", "host all all 127.0.0.1/32 trust")).start();
        // The role peer authentication maps this JVM's OS user to (postgres, when the tests run as that user, exists).
        if (!OS_USER.equals("postgres")) {
            cluster.execute("postgres", "CREATE ROLE \"" + OS_USER + "\" LOGIN IN ROLE pg_monitor");
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ConnectionSettings resolve(Map<String, String> env, String url, List<Path> socketDirectories) throws TargetConfigException {
        return new TargetResolver(env, home, OS_USER, socketDirectories).resolve(url);
    }

    private static String socketDirectory() {
        return cluster.socketDirectory().toString();
    }

    /** Who the session is, and whether it came over a socket (the server then has no address of its own). */
    private static String whoAndHow(TargetSession session) throws SQLException {
        try (Statement statement = session.connection().createStatement();
             ResultSet row = statement.executeQuery("SELECT current_user || ' over ' || coalesce(host(inet_server_addr()), 'socket')")) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void pghostNamingTheSocketDirectoryLogsInByPeerAuthentication() throws Exception {
        ConnectionSettings settings = resolve(Map.of("PGHOST", socketDirectory(), "PGPORT", Integer.toString(cluster.port()),
                "PGDATABASE", "postgres"), null, List.of());

        try (TargetSession session = TargetSession.open(settings, SessionOptions.defaults())) {
            assertThat(whoAndHow(session)).isEqualTo(OS_USER + " over socket");
            assertThat(session.majorVersion()).isEqualTo(15);
            assertThat(session.describe()).isEqualTo("postgresql://" + OS_USER + "@/postgres?host=" + socketDirectory() + "&port=" + cluster.port());
        }
    }

    @Test
    void theUriFormsReachTheSocketToo() throws Exception {
        String encoded = socketDirectory().replace("/", "%2F");
        for (String url : List.of(
                "postgresql:///postgres?host=" + socketDirectory() + "&port=" + cluster.port(),
                "postgresql://" + encoded + ":" + cluster.port() + "/postgres")) {
            try (TargetSession session = TargetSession.open(resolve(Map.of(), url, List.of()), SessionOptions.defaults())) {
                assertThat(whoAndHow(session)).as(url).isEqualTo(OS_USER + " over socket");
            }
        }
    }

    @Test
    void withoutAHostTheFirstDefaultDirectoryWithTheSocketIsUsed() throws Exception {
        ConnectionSettings settings = resolve(Map.of("PGPORT", Integer.toString(cluster.port()), "PGDATABASE", "postgres"), null,
                List.of(noSocket, cluster.socketDirectory()));

        try (TargetSession session = TargetSession.open(settings, SessionOptions.defaults())) {
            assertThat(whoAndHow(session)).isEqualTo(OS_USER + " over socket");
        }
    }

    @Test
    void withoutAHostOrASocketItIsLocalhostOverTcp() throws Exception {
        ConnectionSettings settings = resolve(Map.of("PGPORT", Integer.toString(cluster.port()), "PGDATABASE", "postgres",
                "PGUSER", "postgres"), null, List.of(noSocket));

        try (TargetSession session = TargetSession.open(settings, SessionOptions.defaults())) {
            assertThat(whoAndHow(session)).isIn("postgres over 127.0.0.1", "postgres over ::1");
        }
    }

    @Test
    void anotherRoleThanTheOsUserIsRefusedByTheServerInItsOwnWords() throws Exception {
        String role = OS_USER.equals("postgres") ? "nobody" : "postgres";
        ConnectionSettings settings = resolve(Map.of("PGHOST", socketDirectory(), "PGPORT", Integer.toString(cluster.port()),
                "PGUSER", role, "PGDATABASE", "postgres"), null, List.of());

        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> TargetSession.open(settings, SessionOptions.defaults()).close());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("cannot log in to postgresql://" + role + "@/postgres?host=" + socketDirectory() + "&port="
                + cluster.port() + ": authentication failed: Peer authentication failed for user \"" + role + "\"");
    }

    @Test
    void aDirectoryWithoutTheSocketCannotBeReached() throws Exception {
        ConnectionSettings settings = resolve(Map.of("PGHOST", noSocket.toString(), "PGDATABASE", "postgres"), null, List.of());

        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> TargetSession.open(settings, SessionOptions.defaults()).close());

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("cannot reach postgresql://" + OS_USER + "@/postgres?host=" + noSocket + ": socket "
                + noSocket.resolve(".s.PGSQL.5432") + ": No such file or directory");
    }
}
