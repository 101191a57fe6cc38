package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client session a test keeps open while a check runs: inside a transaction, idle in it, or waiting
 * for a lock on a thread of its own. Closing it ends the session, and with it the transaction.
 */
public final class OpenSession implements AutoCloseable {

    private final Connection connection;
    private final int pid;

    private OpenSession(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            this.pid = rows.getInt(1);
        }
    }

    /** A session as {@code user} (no password) with this application_name, outside any transaction. */
    public static OpenSession open(EmbeddedPostgres postgres, String database, String user, String applicationName) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database
                + "?ApplicationName=" + applicationName, user, "");
        return new OpenSession(c);
    }

    public int pid() {
        return pid;
    }

    /** Runs statements one after the other on this session's thread. */
    public OpenSession run(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return this;
    }

    /** Runs a statement that is going to block, on a thread of its own. */
    public CompletableFuture<Void> runBlocked(String sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                run(sql);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
