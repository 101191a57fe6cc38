package dev.pgwarden.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the demo database into one unhealthy state per check. Each step uses its own connection and
 * closes it, so the statistics it caused are flushed before pgwarden reads them.
 */
final class DemoSeeder {

    static final int BURNED_XIDS = 6000;
    private final DemoCluster cluster;

    DemoSeeder(DemoCluster cluster) {
        this.cluster = cluster;
    }

    /** A table left unfrozen while everything else is frozen: only it holds its database's age back. */
    void oldUnfrozenTable() throws SQLException {
        run("CREATE SCHEMA demo",
            "CREATE TABLE demo.ledger (id int PRIMARY KEY, note text)",
            "INSERT INTO demo.ledger SELECT g, 'entry ' || g FROM generate_series(1, 100) g",
            "CREATE TABLE demo.xid_burner (id int)",
            // Each subtransaction that writes takes its own transaction ID: a cheap way to age the cluster.
            "DO $$ BEGIN FOR i IN 1.." + BURNED_XIDS + " LOOP BEGIN INSERT INTO demo.xid_burner VALUES (i); "
                    + "EXCEPTION WHEN OTHERS THEN NULL; END; END LOOP; END $$",
            "DROP TABLE demo.xid_burner");
        freezeAllBut("demo.ledger");
    }

    private void freezeAllBut(String keep) throws SQLException {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind IN ('r', 'm') "
                    + "AND c.oid <> '" + keep + "'::regclass")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                s.execute("VACUUM (FREEZE) " + table);
            }
            s.execute("ALTER DATABASE template0 ALLOW_CONNECTIONS true");
        }
        for (String database : List.of("postgres", "template1", "template0")) {
            try (Connection c = cluster.connect(database); Statement s = c.createStatement()) {
                s.execute("VACUUM (FREEZE)");
            }
        }
        run("ALTER DATABASE template0 ALLOW_CONNECTIONS false");
    }

    /** Autovacuum switched off for a table that then lost all its rows. */
    void deadTuplesWithAutovacuumDisabled() throws SQLException {
        run("CREATE TABLE demo.orders_archive (id bigint PRIMARY KEY, total numeric) WITH (autovacuum_enabled = false)",
            "INSERT INTO demo.orders_archive SELECT g, g * 1.5 FROM generate_series(1, 30000) g",
            "DELETE FROM demo.orders_archive");
    }

    /** A table and a partitioned table full of rows that nobody analyzed. */
    void neverAnalyzedTables() throws SQLException {
        run("CREATE TABLE demo.customers (id int PRIMARY KEY, name text) WITH (autovacuum_enabled = false)",
            "INSERT INTO demo.customers SELECT g, 'customer ' || g FROM generate_series(1, 5000) g",
            "CREATE TABLE demo.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
            "CREATE TABLE demo.events_2026 PARTITION OF demo.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
            "INSERT INTO demo.events SELECT g, date '2026-01-01' + (g % 365) FROM generate_series(1, 3000) g");
        // Analyzed from a later session, so the inserts' statistics are already counted when it runs.
        run("ANALYZE demo.events_2026");
    }

    /** A table read again and again by a filter no index serves. */
    void sequentiallyScannedTable() throws SQLException {
        run("CREATE TABLE demo.page_views (id bigint, user_id int, url text)",
            "INSERT INTO demo.page_views SELECT g, g % 5000, '/page/' || (g % 97) FROM generate_series(1, 60000) g");
        run("VACUUM (ANALYZE) demo.page_views");
        pageViewWorkload();
    }

    /** The application's query, run as many times as it takes to look like a habit. */
    void pageViewWorkload() throws SQLException {
        try (Connection c = cluster.connect(); var query = c.prepareStatement("SELECT count(*) FROM demo.page_views WHERE user_id = ?")) {
            for (int i = 0; i < 120; i++) {
                query.setInt(1, i);
                query.executeQuery().close();
            }
        }
    }

    /**
     * A deploy's CREATE INDEX CONCURRENTLY that gave up waiting: it must wait out every transaction whose snapshot
     * predates the build, the deploy tool set a lock timeout, and a reporting transaction held a snapshot. The
     * build fails and leaves the index behind, invalid.
     */
    void indexLeftInvalidByATimedOutBuild() throws SQLException {
        run("CREATE TABLE demo.invoices (id int PRIMARY KEY, customer_id int, due date)",
            "INSERT INTO demo.invoices SELECT g, g % 500, date '2026-01-01' + (g % 90) FROM generate_series(1, 2000) g");
        run("VACUUM (ANALYZE) demo.invoices");
        try (Connection report = cluster.connect(); Statement reading = report.createStatement()) {
            report.setAutoCommit(false);
            report.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            reading.executeQuery("SELECT count(*) FROM demo.invoices").close();
            try (Connection deploy = cluster.connect(); Statement migration = deploy.createStatement()) {
                migration.execute("SET lock_timeout = '300ms'");
                migration.execute("CREATE INDEX CONCURRENTLY invoices_customer_id_idx ON demo.invoices (customer_id)");
                throw new IllegalStateException("the concurrent build was expected to time out, and it finished");
            } catch (SQLException expected) {
                // 55P03 lock_not_available: the timeout this step sets up; the invalid index stays behind.
                if (!"55P03".equals(expected.getSQLState())) {
                    throw expected;
                }
            }
            report.rollback();
        }
    }

    /**
     * An index on text in an ICU collation whose recorded version no longer matches the library's, as after an
     * OS upgrade or a restore on another OS. Here the record is rewritten instead: the demo's server is its own.
     */
    void collationVersionMovedUnderAnIndex() throws SQLException {
        run("CREATE TABLE demo.addresses (id int PRIMARY KEY, city text COLLATE \"de-x-icu\")",
            "INSERT INTO demo.addresses SELECT g, 'Stadt ' || g FROM generate_series(1, 500) g",
            "CREATE INDEX addresses_city_idx ON demo.addresses (city)",
            "UPDATE pg_collation SET collversion = '0.1' WHERE collname = 'de-x-icu'");
    }

    /** Client sessions holding most of the usable slots, some idle inside a transaction. */
    List<Connection> saturatedConnections(int count, int idleInTransaction) throws SQLException {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Connection c = cluster.connect();
            if (i < idleInTransaction) {
                c.setAutoCommit(false);
                c.createStatement().execute("SELECT 1");
            }
            held.add(c);
        }
        return held;
    }

    private void run(String... statements) throws SQLException {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
