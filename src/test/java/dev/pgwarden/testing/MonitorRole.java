package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;

/** A login role with only pg_monitor and CONNECT on one database, as a monitoring system would use. */
public final class MonitorRole {

    private MonitorRole() {
    }

    /** Creates the role {@code monitor_<database>} and returns a URL that logs in as it. */
    public static String urlFor(EmbeddedPostgres postgres, String database) throws SQLException {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database + "?user=" + create(postgres, database);
    }

    /** Creates the role {@code monitor_<database>} and returns its name. */
    public static String create(EmbeddedPostgres postgres, String database) throws SQLException {
        String role = "monitor_" + database;
        PostgresServers.execute(postgres, database,
                "CREATE ROLE " + role + " LOGIN",
                "GRANT pg_monitor TO " + role,
                "REVOKE CONNECT ON DATABASE " + database + " FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + database + " TO " + role);
        return role;
    }
}
