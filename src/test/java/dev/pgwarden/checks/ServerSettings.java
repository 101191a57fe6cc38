package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.superuser;

import dev.pgwarden.testing.Polling;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** Changes a test server's configuration with ALTER SYSTEM and waits until new sessions see it. */
final class ServerSettings {

    private ServerSettings() {
    }

    /**
     * Runs the statements (ALTER SYSTEM …), reloads the configuration and polls until {@code condition}, a
     * query returning one boolean, is true in a new session: the postmaster rereads its files asynchronously.
     */
    static void change(EmbeddedPostgres pg, String condition, String... statements) throws Exception {
        execute(pg, "postgres", statements);
        execute(pg, "postgres", "SELECT pg_reload_conf()");
        Polling.until(condition, Duration.ofSeconds(10), () -> holds(pg, condition));
    }

    /** The setting's value as the server runs it now. */
    static String show(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = superuser(pg, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean holds(EmbeddedPostgres pg, String condition) throws Exception {
        try (Connection c = superuser(pg, "postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(condition)) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
