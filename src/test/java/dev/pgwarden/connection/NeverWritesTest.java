package dev.pgwarden.connection;

import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.queryValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgwarden never writes to the database it checks. Every check runs as a role whose transactions are read-only
 * by default, on a server of its own at wal_level minimal, so that nothing but a write moves the WAL; the
 * whole run then leaves the WAL position, the next transaction ID and the row counters where they were. A
 * session seen from another one while it waits shows pgwarden's name, no transaction ID and its limits at work.
 */
class NeverWritesTest {

    private static final String ALL_CHECKS = "autovacuum-staleness,xid-age,connection-saturation,missing-analyze,"
            + "seq-scan-large-table,read-latency,invalid-indexes,duplicate-indexes,overlapping-indexes,unused-indexes,"
            + "foreign-key-without-index,table-bloat,index-bloat";
    private static final String PROBE = "src/test/resources/probe/captured/probe-json.out";

    private static EmbeddedPostgres postgres;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.builder(17)
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                .start();
        db = PostgresServers.createDatabase(postgres, "never_writes");
        execute(postgres, db,
                "CREATE ROLE reader LOGIN IN ROLE pg_monitor",
                "ALTER ROLE reader SET default_transaction_read_only = on",
                "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                "INSERT INTO public.orders SELECT g, 'n' || g FROM generate_series(1, 20000) g",
                "DELETE FROM public.orders WHERE id % 3 = 0",
                "CREATE TABLE public.busy (id int)");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + db + "?user=reader";
    }

    @Test
    void aFullRunAsAReadOnlyRoleLeavesWalNextXidAndRowCountersUnchanged() throws Exception {
        // The first run sets hint bits and loads caches; the comparison is of a run that starts from rest.
        runAllChecks("5s");
        execute(postgres, "postgres", "CHECKPOINT");
        Map<String, Object> before = serverState();

        RunSummary run = runAllChecks("5s");

        assertThat(run.targetFailure()).isNull();
        assertThat(run.checks()).extracting(CheckResult::id).hasSize(13);
        assertThat(run.checks()).allSatisfy(check -> assertThat(check.status()).as(check.id() + ": " + check.reason())
                .isNotEqualTo(Status.ERROR));
        // pgwarden's backend sends its statistics when it exits, a moment after the run.
        long commitsBefore = (Long) before.get("xact_commit");
        Polling.until("pgwarden's statistics", Duration.ofSeconds(10), () -> (Long) serverState().get("xact_commit") > commitsBefore);
        Map<String, Object> after = serverState();
        // Read-only transactions commit too, so xact_commit grows; nothing else may.
        after.remove("xact_commit");
        before.remove("xact_commit");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aWaitingSessionIsNamedPgwardenHoldsNoTransactionIdAndGivesUpAtLockTimeout() throws Exception {
        try (Connection holder = PostgresServers.superuser(postgres, db); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE public.busy IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(() -> runAllChecks("3s"));
            Map<String, Object> seen = waitingSession();

            RunSummary run = running.get(30, TimeUnit.SECONDS);

            assertThat(seen).containsEntry("application_name", "pgwarden").containsEntry("usename", "reader")
                    .containsEntry("backend_xid", null).containsEntry("state", "active").containsEntry("wait_event_type", "Lock");
            CheckResult blocked = run.checks().stream().filter(c -> c.id().equals("seq-scan-large-table")).findFirst().orElseThrow();
            assertThat(blocked.status()).isEqualTo(Status.ERROR);
            assertThat(blocked.reason()).contains("lock_timeout");
            assertThat(blocked.durationMs()).as("waited about lock_timeout").isBetween(2_500L, 10_000L);
        }
    }

    /** pgwarden's session as pg_stat_activity shows it to another session while it waits for the lock. */
    private static Map<String, Object> waitingSession() throws Exception {
        String query = "SELECT application_name, usename, backend_xid::text, state, wait_event_type FROM pg_stat_activity"
                + " WHERE datname = '" + db + "' AND application_name = 'pgwarden' AND wait_event_type = 'Lock'";
        Map<String, Object> seen = new LinkedHashMap<>();
        Polling.until("pgwarden waiting for the lock", Duration.ofSeconds(20), () -> {
            try (Connection c = PostgresServers.superuser(postgres, "postgres"); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery(query)) {
                if (!rows.next()) {
                    return false;
                }
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    seen.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                }
                return true;
            }
        });
        return seen;
    }

    /** What a write would move, read from another database so the reading itself is not counted. */
    private static Map<String, Object> serverState() throws Exception {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("wal_lsn", queryValue(postgres, "postgres", "SELECT pg_current_wal_lsn()::text"));
        state.put("next_xid", queryValue(postgres, "postgres", "SELECT txid_snapshot_xmax(txid_current_snapshot())"));
        for (String counter : List.of("xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted", "temp_files")) {
            state.put(counter, queryValue(postgres, "postgres",
                    "SELECT " + counter + " FROM pg_stat_database WHERE datname = '" + db + "'"));
        }
        return state;
    }

    private static RunSummary runAllChecks(String lockTimeout) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(Constants.URL, url());
        configuration.put(Constants.CHECKS, ALL_CHECKS);
        configuration.put(Constants.PROBE, PROBE);
        configuration.put(Constants.LOCK_TIMEOUT, lockTimeout);
        // Sizing every table makes seq-scan-large-table wait for a locked one; the catalog-only checks never wait.
        configuration.put(Constants.SET, "seq-scan-large-table.min_size=0kB");
        return new CheckLauncher().run(url(), configuration, List.of());
    }
}
