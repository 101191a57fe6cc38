package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What a deploy's migrations do to tables just before a gate runs, returning once the statistics pgwarden
 * reads show it (the writing session's counters arrive a moment after it ends).
 */
public final class Migrations {

    private Migrations() {
    }

    /** Creates {@code table (id int PRIMARY KEY, note text)} and loads {@code rows} rows into it. */
    public static void loadNewTable(EmbeddedPostgres pg, String database, String table, int rows) throws Exception {
        PostgresServers.execute(pg, database,
                "CREATE TABLE " + table + " (id int PRIMARY KEY, note text)",
                "INSERT INTO " + table + " SELECT g, md5(g::text) FROM generate_series(1, " + rows + ") g");
        Polling.untilTableStatistics(pg, database, table, "n_live_tup = " + rows);
    }

    /** Deletes {@code percent} percent of the rows of a table {@link #loadNewTable} loaded. */
    public static void deletePercent(EmbeddedPostgres pg, String database, String table, int rows, int percent)
            throws Exception {
        PostgresServers.execute(pg, database, "DELETE FROM " + table + " WHERE id % 100 < " + percent);
        Polling.untilTableStatistics(pg, database, table, "n_dead_tup >= " + rows / 100 * percent);
    }
}
