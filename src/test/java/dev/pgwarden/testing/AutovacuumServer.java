package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL whose autovacuum visits each database every {@link #NAPTIME_SECONDS} seconds, for tests
 * about what autovacuum does over time (the shared servers nap for an hour so that it stays out of the
 * way). Started on first use, shared by the tests of the JVM, stopped when the JVM exits. Work in a
 * database of your own.
 */
public final class AutovacuumServer {

    public static final int NAPTIME_SECONDS = 1;
    private static EmbeddedPostgres server;

    private AutovacuumServer() {
    }

    public static synchronized EmbeddedPostgres shared() {
        if (server == null) {
            try {
                EmbeddedPostgres started = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                        .setServerConfig("autovacuum_naptime", NAPTIME_SECONDS + "s")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started), "stop autovacuum test server"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the autovacuum test server", e);
            }
        }
        return server;
    }

    /**
     * A session of its own that opens a transaction and runs {@code statement} in it (taking an XID, a
     * snapshot or a lock), then stays open until closed.
     */
    public static Connection openTransaction(EmbeddedPostgres pg, String database, String statement) throws SQLException {
        Connection c = PostgresServers.superuser(pg, database);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
        return c;
    }

    /** The backend pid of a session. */
    public static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rows = s.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Waits until the transaction of {@code pid} has been open for {@code naptimes} autovacuum naptimes. */
    public static void awaitTransactionOpenFor(EmbeddedPostgres pg, String database, int pid, int naptimes) throws Exception {
        Polling.until("transaction of pid " + pid + " open for " + naptimes + " naptimes",
                java.time.Duration.ofSeconds(5L * naptimes * NAPTIME_SECONDS),
                () -> Boolean.TRUE.equals(PostgresServers.queryValue(pg, database,
                        "SELECT now() - xact_start > make_interval(secs => " + naptimes * NAPTIME_SECONDS + ")"
                                + " FROM pg_stat_activity WHERE pid = " + pid)));
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // The JVM is exiting; only the data directory's cleanup is left to lose.
        }
    }
}
