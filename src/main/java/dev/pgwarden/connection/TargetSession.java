package dev.pgwarden.connection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open session on the target, made safe before anyone gets it: every transaction is read-only,
 * statements and lock waits are time-limited, and the session shows up as {@code pgwarden} in
 * {@code pg_stat_activity}. Autocommit stays on, so no transaction is left open between queries.
 * Not thread-safe: one session per thread.
 */
public final class TargetSession implements AutoCloseable {

    /** How pgwarden names itself to the server. */
    static final String APPLICATION_NAME = "pgwarden";

    private static final Logger LOG = LoggerFactory.getLogger(TargetSession.class);

    private final ConnectionSettings settings;
    private final Connection connection;
    private final int serverVersionNum;

    private TargetSession(ConnectionSettings settings, Connection connection, int serverVersionNum) {
        this.settings = settings;
        this.connection = connection;
        this.serverVersionNum = serverVersionNum;
    }

    /**
     * Connects and prepares the session.
     *
     * @throws TargetUnreachableException if the server cannot be reached, refuses the login, the
     *                                    database does not exist, or the session cannot be prepared
     */
    public static TargetSession open(ConnectionSettings settings, SessionOptions options)
            throws TargetUnreachableException {
        Objects.requireNonNull(settings, "settings must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Connection connection;
        try {
            connection = DriverManager.getConnection(settings.jdbcUrl(), driverProperties(settings, options));
        } catch (SQLException e) {
            throw ConnectFailures.whileConnecting(settings, e);
        }
        try {
            return new TargetSession(settings, connection, prepare(connection, options));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw ConnectFailures.whilePreparing(settings, e);
        }
    }

    /**
     * Prepares a connection someone else opened (from an application's DataSource, say) the way
     * {@link #open} prepares its own: read only, with the time limits and application name.
     * Closing the session closes the connection, which returns a pooled one to its pool.
     */
    public static TargetSession adopt(Connection connection, ConnectionSettings settings, SessionOptions options)
            throws SQLException {
        Objects.requireNonNull(connection, "connection must not be null");
        return new TargetSession(settings, connection, prepare(connection, options));
    }

    private static Properties driverProperties(ConnectionSettings settings, SessionOptions options) {
        Properties properties = settings.jdbcProperties();
        properties.putIfAbsent("connectTimeout", Integer.toString(options.connectTimeoutSeconds()));
        // connectTimeout covers only the TCP connect; loginTimeout also covers TLS and authentication
        properties.putIfAbsent("loginTimeout", properties.getProperty("connectTimeout"));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    /** Makes the session safe in one round trip, and returns the server's version number. */
    private static int prepare(Connection connection, SessionOptions options) throws SQLException {
        connection.setAutoCommit(true);
        // set_config is SET with bind parameters, so no SQL is assembled from values
        try (PreparedStatement set = connection.prepareStatement("""
                SELECT set_config('default_transaction_read_only', 'on', false),
                       set_config('statement_timeout', ?, false),
                       set_config('lock_timeout', ?, false),
                       set_config('application_name', ?, false),
                       -- Catalog queries over many tables get costed high enough to trigger JIT, whose
                       -- compile time (seconds) dwarfs the query itself (milliseconds).
                       set_config('jit', 'off', false),
                       current_setting('server_version_num')::int""")) {
            set.setString(1, millis(options.statementTimeout()) + "ms");
            set.setString(2, millis(options.lockTimeout()) + "ms");
            set.setString(3, APPLICATION_NAME);
            try (ResultSet row = set.executeQuery()) {
                row.next();
                return row.getInt(6);
            }
        }
    }

    /** PostgreSQL counts these limits in whole ms and 0 turns one off, so a sub-millisecond limit rounds up. */
    private static long millis(Duration limit) {
        long millis = limit.toMillis();
        return millis == 0 && !limit.isZero() ? 1 : millis;
    }

    /** The JDBC connection; read-only and time-limited as described above. */
    public Connection connection() {
        return connection;
    }

    /** The server's {@code server_version_num}, e.g. {@code 170007} for 17.7. */
    public int serverVersionNum() {
        return serverVersionNum;
    }

    /** The major version, e.g. {@code 17}; for servers before 10 the first component, e.g. 9 for 9.6. */
    public int majorVersion() {
        return serverVersionNum / 10000;
    }

    /** Where this session is connected, as resolved (the password is never printed from it). */
    public ConnectionSettings settings() {
        return settings;
    }

    /** Where this session is connected, without password; see {@link ConnectionSettings#describe()}. */
    public String describe() {
        return settings.describe();
    }

    /** Closes the connection; safe to call more than once. */
    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing pgwarden can do about it, and the checks have already run
            LOG.debug("closing the session failed: {}", e.getMessage());
        }
    }
}
