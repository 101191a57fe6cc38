import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases of small tables, created in batches so no transaction needs more locks than the server has. */
final class Schema {

    static final int BATCH = 500;

    static void create(Bench bench, String db, int tables) throws SQLException {
        create(bench::connect, db, tables);
    }

    static void create(Connector server, String db, int tables) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        try (Connection c = server.connect(db); Statement s = c.createStatement()) {
            for (int from = 1; from <= tables; from += BATCH) {
                int to = Math.min(tables, from + BATCH - 1);
                s.execute("DO $$ BEGIN FOR i IN " + from + ".." + to + " LOOP"
                        + " EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, v int)', i);"
                        + " EXECUTE format('INSERT INTO t%s SELECT g, g FROM generate_series(1, 3) g', i);"
                        + " END LOOP; END $$");
            }
            // Some statistics: every tenth table analyzed, a few scanned and updated.
            s.execute("DO $$ BEGIN FOR i IN 1.." + tables + " BY 10 LOOP EXECUTE format('ANALYZE t%s', i); END LOOP; END $$");
            s.execute("DO $$ BEGIN FOR i IN 1.." + tables + " BY 100 LOOP"
                    + " EXECUTE format('UPDATE t%s SET v = v + 1', i);"
                    + " EXECUTE format('SELECT count(*) FROM t%s', i); END LOOP; END $$");
            s.execute("SELECT pg_stat_force_next_flush()");
            s.execute("CHECKPOINT");
        }
    }
}
