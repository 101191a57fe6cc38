package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/** Puts a database into a known unhealthy state, waiting until the statistics pgwarden reads show it. */
public final class Problems {

    private Problems() {
    }

    /**
     * A table of {@code rows} rows that nobody analyzed: missing-analyze names it. Returns once its rows
     * are visible in pg_stat_user_tables (the inserting session's statistics are flushed when it ends).
     */
    public static void neverAnalyzedTable(EmbeddedPostgres pg, String database, String table, int rows) throws Exception {
        PostgresServers.execute(pg, database,
                "CREATE TABLE " + table + " (id int, note text) WITH (autovacuum_enabled = false)",
                "INSERT INTO " + table + " SELECT g, 'row ' || g FROM generate_series(1, " + rows + ") g");
        Polling.until("statistics of " + table, Duration.ofSeconds(20), () -> liveRows(pg, database, table) >= rows);
    }

    private static long liveRows(EmbeddedPostgres pg, String database, String table) throws Exception {
        try (Connection c = PostgresServers.superuser(pg, database);
             PreparedStatement s = c.prepareStatement("SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = ?::regclass")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
