package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * These tests hold connections and change settings server-wide, so the class starts small servers of its
 * own: max_connections 20, 3 slots reserved for superusers and, from PostgreSQL 16, 2 more by
 * reserved_connections. Each test closes the sessions it opened and restores any setting it changed, and
 * starts only once no other client is connected.
 */
class ConnectionSaturationCheckTest {

    private static final String CHECK = "connection-saturation";
    private static final String DB = "postgres";
    private static final Map<Integer, EmbeddedPostgres> SERVERS = new HashMap<>();

    @AfterAll
    static void stopServers() throws Exception {
        for (EmbeddedPostgres pg : SERVERS.values()) {
            pg.close();
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsWhenClientsHoldMostUsableSlots(int major) throws Exception {
        EmbeddedPostgres pg = smallServer(major);
        try (HeldConnections held = new HeldConnections(pg, 14, 3)) {
            CheckResult result = Checks.run(url(pg, DB), CHECK);

            int usable = usableSlots(major);
            long clients = 14 + 1; // the held sessions and the check's own
            assertThat(result.status()).isEqualTo(Status.FAILED);
            Finding finding = result.findings().get(0);
            assertThat(finding.object()).isEqualTo("127.0.0.1:" + pg.getPort());
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.message()).startsWith(clients + " of " + usable + " usable connection slots in use ("
                    + Math.round(100.0 * clients / usable) + "%, limit 80%): 1 active, 11 idle, 3 idle in transaction");
            assertThat(finding.evidence())
                    .containsEntry("max_connections", 20)
                    .containsEntry("superuser_reserved_connections", 3)
                    .containsEntry("reserved_connections", major >= 16 ? 2 : 0)
                    .containsEntry("usable_slots", usable)
                    .containsEntry("client_backends", (int) clients)
                    .containsEntry("idle_in_transaction", 3)
                    .containsEntry("top_users", "postgres=" + clients)
                    .containsEntry("name", "idle_in_transaction_session_timeout")
                    .containsEntry("value", "0")
                    .containsEntry("level", "default");
            // Built in: set for the database, not server-wide, and removed again by the rollback.
            assertThat(finding.remediation())
                    .contains("Connections now: " + clients + " of " + usable + " usable (1 active, 11 idle, 3 idle in transaction).")
                    .contains("Their timeout\n   (idle_in_transaction_session_timeout) is 0, level: default.")
                    .contains("\n     ALTER DATABASE postgres SET idle_in_transaction_session_timeout = '5min';\n")
                    .contains("This takes effect in new sessions of database postgres, without a reload or restart")
                    .contains("Other roles whose own value this does not reach: none\n")
                    .doesNotContain("ALTER SYSTEM");
            assertThat(finding.rollback())
                    .contains("Restore idle_in_transaction_session_timeout to its value before the change (0, level: default):\n"
                            + "  ALTER DATABASE postgres RESET idle_in_transaction_session_timeout;");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void rollbackOfTimeoutSetWithAlterSystemRemovesTheDatabaseLevelChange(int major) throws Exception {
        EmbeddedPostgres pg = smallServer(major);
        setIdleInTransactionTimeout(pg, "SET idle_in_transaction_session_timeout = '10min'", "10min");
        try (HeldConnections held = new HeldConnections(pg, 14, 2)) {
            CheckResult result = Checks.run(url(pg, DB), CHECK);

            assertThat(result.status()).isEqualTo(Status.FAILED);
            Finding finding = result.findings().get(0);
            assertThat(finding.evidence())
                    .containsEntry("idle_in_transaction", 2)
                    .containsEntry("value", "10min")
                    .containsEntry("level", "ALTER SYSTEM");
            assertThat(finding.remediation()).contains("ALTER DATABASE postgres SET idle_in_transaction_session_timeout = '5min';");
            assertThat(finding.rollback())
                    .contains("to its value before the change (10min, level: ALTER SYSTEM)")
                    .contains("ALTER DATABASE postgres RESET idle_in_transaction_session_timeout;");
            assertRunsAndRestores(pg, finding);
        } finally {
            setIdleInTransactionTimeout(pg, "RESET idle_in_transaction_session_timeout", "0");
        }
    }

    /**
     * The value in force came from ALTER DATABASE: ALTER SYSTEM would neither change it (the database's value
     * wins) nor, as a rollback, restore it. Remediation and rollback go to the database's own entry, and a
     * role's own value is named as one the change does not reach.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void remediationAndRollbackGoToTheDatabaseWhoseValueIsInForce(int major) throws Exception {
        EmbeddedPostgres pg = smallServer(major);
        execute(pg, DB, "CREATE ROLE \"Batch Jobs\" LOGIN",
                "ALTER DATABASE postgres SET idle_in_transaction_session_timeout = '10min'",
                "ALTER ROLE \"Batch Jobs\" IN DATABASE postgres SET idle_in_transaction_session_timeout = '1h'");
        try (HeldConnections held = new HeldConnections(pg, 14, 2)) {
            CheckResult result = Checks.run(url(pg, DB), CHECK);

            Finding finding = result.findings().get(0);
            assertThat(finding.evidence()).containsEntry("value", "10min").containsEntry("level", "database");
            assertThat(finding.remediation())
                    .contains("(idle_in_transaction_session_timeout) is 10min, level: database.")
                    .contains("ALTER DATABASE postgres SET idle_in_transaction_session_timeout = '5min';")
                    .contains("Other roles whose own value this does not reach: Batch Jobs=1h\n")
                    .doesNotContain("ALTER SYSTEM");
            assertThat(finding.rollback())
                    .contains("(10min, level: database)")
                    .contains("ALTER DATABASE postgres SET idle_in_transaction_session_timeout = '10min';")
                    .doesNotContain("ALTER SYSTEM");
            assertRunsAndRestores(pg, finding);
        } finally {
            execute(pg, DB, "ALTER DATABASE postgres RESET idle_in_transaction_session_timeout", "DROP ROLE \"Batch Jobs\"");
        }
    }

    /** The sessions idle in a transaction get their role's own value: that is the one to change and restore. */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void remediationAndRollbackGoToTheRoleOfTheIdleSessionsWhenItSetsItsOwnValue(int major) throws Exception {
        EmbeddedPostgres pg = smallServer(major);
        execute(pg, DB, "ALTER ROLE postgres IN DATABASE postgres SET idle_in_transaction_session_timeout = '1h'");
        try (HeldConnections held = new HeldConnections(pg, 14, 2)) {
            CheckResult result = Checks.run(url(pg, DB), CHECK);

            Finding finding = result.findings().get(0);
            assertThat(finding.evidence()).containsEntry("idle_in_transaction_user", "postgres")
                    .containsEntry("value", "1h").containsEntry("level", "role in database");
            String change = "ALTER ROLE postgres IN DATABASE postgres SET idle_in_transaction_session_timeout = '5min';";
            String restore = "ALTER ROLE postgres IN DATABASE postgres SET idle_in_transaction_session_timeout = '1h';";
            assertThat(finding.remediation()).contains(change)
                    .contains("This takes effect in new sessions of role postgres in database postgres, without a reload or restart");
            assertThat(finding.rollback()).contains(restore).doesNotContain("ALTER SYSTEM");
            String before = storedSettings(pg);
            execute(pg, DB, change);
            assertThat(storedSettings(pg)).isNotEqualTo(before);
            execute(pg, DB, restore);
            assertThat(storedSettings(pg)).isEqualTo(before);
        } finally {
            execute(pg, DB, "ALTER ROLE postgres IN DATABASE postgres RESET idle_in_transaction_session_timeout");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWithFewConnections(int major) throws Exception {
        EmbeddedPostgres pg = smallServer(major);
        try (HeldConnections held = new HeldConnections(pg, 5, 1)) {
            CheckResult result = Checks.run(url(pg, DB), CHECK);

            assertThat(result.status()).isEqualTo(Status.PASSED);
        }
    }

    /**
     * Runs the remediation's statement and then the rollback's, as written, and sees the database's and roles'
     * settings as they were before.
     */
    private static void assertRunsAndRestores(EmbeddedPostgres pg, Finding finding) throws Exception {
        String before = storedSettings(pg);
        execute(pg, DB, statementLine(finding.remediation(), "ALTER DATABASE"));
        assertThat(storedSettings(pg)).isNotEqualTo(before);
        execute(pg, DB, statementLine(finding.rollback(), "ALTER DATABASE"));
        assertThat(storedSettings(pg)).isEqualTo(before);
    }

    private static String statementLine(String text, String start) {
        return text.lines().map(String::strip).filter(line -> line.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in " + text));
    }

    private static String storedSettings(EmbeddedPostgres pg) throws SQLException {
        return String.valueOf(PostgresServers.queryValue(pg, DB, "SELECT string_agg(setrole || '/' || setdatabase || ':' "
                + "|| array_to_string(setconfig, ';'), ' ' ORDER BY setrole, setdatabase) FROM pg_db_role_setting"));
    }

    private static EmbeddedPostgres smallServer(int major) throws Exception {
        EmbeddedPostgres pg = SERVERS.get(major);
        if (pg == null) {
            pg = startSmallServer(major);
            SERVERS.put(major, pg);
        }
        return pg;
    }

    private static EmbeddedPostgres startSmallServer(int major) throws Exception {
        EmbeddedPostgres.Builder builder = PostgresServers.builder(major)
                .setServerConfig("max_connections", "20")
                .setServerConfig("superuser_reserved_connections", "3");
        if (major >= 16) {
            builder.setServerConfig("reserved_connections", "2");
        }
        return builder.start();
    }

    /** Runs ALTER SYSTEM {@code change}, reloads, and waits until new sessions see {@code expected}. */
    private static void setIdleInTransactionTimeout(EmbeddedPostgres pg, String change, String expected) throws Exception {
        execute(pg, DB, "ALTER SYSTEM " + change, "SELECT pg_reload_conf()");
        Polling.untilTrue(pg, DB, "SELECT current_setting('idle_in_transaction_session_timeout') = '" + expected + "'");
    }

    private static int usableSlots(int major) {
        return 20 - 3 - (major >= 16 ? 2 : 0);
    }

    /**
     * Client sessions held open until closed, the first few idle inside a transaction; once open, they are
     * the only clients of the server.
     */
    private static final class HeldConnections implements AutoCloseable {

        private final List<Connection> connections = new ArrayList<>();

        HeldConnections(EmbeddedPostgres pg, int count, int idleInTransaction) throws Exception {
            try {
                for (int i = 0; i < count; i++) {
                    Connection c = PostgresServers.superuser(pg, DB);
                    connections.add(c);
                    if (i < idleInTransaction) {
                        c.setAutoCommit(false);
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                    }
                }
                awaitOnlyTheseClients(connections.get(count - 1), count);
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        /** Backends of sessions closed a moment ago (the last check's, say) may not have exited yet. */
        private static void awaitOnlyTheseClients(Connection idle, int count) throws Exception {
            Polling.until("only the " + count + " held sessions connected", Duration.ofSeconds(10), () -> {
                try (Statement s = idle.createStatement();
                     ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
                    rows.next();
                    return rows.getInt(1) == count;
                }
            });
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : connections) {
                c.close();
            }
        }
    }
}
