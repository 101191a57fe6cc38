package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.FactQuery;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.AutovacuumServer;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Migrations;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MissingAnalyzeCheckTest {

    private static final String CHECK = "missing-analyze";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void failsForTableWithRowsThatWasNeverAnalyzedAndAutovacuumMayNotAnalyze(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "never_analyzed");
        createCustomers(pg, db, "WITH (autovacuum_enabled = false)");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).hasSize(1);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("public.customers");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("about 5000 rows and never analyzed")
                .endsWith("autovacuum will not analyze it: autovacuum is disabled for this table (autovacuum_enabled=false)");
        assertThat(finding.remediation()).startsWith("ANALYZE (VERBOSE) public.customers;\n")
                .contains("Analyze in the migration that loads a table");
        assertThat(finding.rollback()).startsWith("No rollback is needed: ANALYZE only replaces the planner statistics");
        assertThat(finding.evidence())
                .containsEntry("kind", "never-analyzed")
                .containsEntry("estimated_rows", 5000.0)
                .containsEntry("n_live_tup", 5000)
                .containsEntry("analyzed", false)
                .containsEntry("last_analyze", null)
                .containsEntry("last_autoanalyze", null);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void failsForPartitionedParentWhoseOnlyPartitionsWereAnalyzed(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "partitioned");
        createEvents(pg, db);
        // What autovacuum does: it analyzes the partitions, never their parent.
        execute(pg, db, "ANALYZE public.events_2025", "ANALYZE public.events_2026");
        awaitAnalyzed(pg, db, "public.events_2025", "public.events_2026");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.events");
        Finding finding = result.findings().get(0);
        assertThat(finding.message()).contains("about 3000 rows and never analyzed (a partitioned table");
        assertThat(finding.remediation()).startsWith("ANALYZE (VERBOSE) public.events;")
                .contains("Autovacuum analyzes the partitions but never the parent");
        assertThat(finding.rollback()).startsWith("No rollback is needed");
        assertThat(finding.evidence())
                .containsEntry("kind", "never-analyzed-partitioned")
                .containsEntry("relkind", "p")
                .containsEntry("estimated_rows", 3000.0)
                .containsEntry("analyzed", false);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void failsAsStaleForTableModifiedFarPastItsAnalyzeTrigger(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "stale");
        // 5000 updated rows against a trigger of 50 + 0.1 × 5000 = 550, on a table autovacuum may not analyze.
        updateOrdersAfterAnalyze(pg, db, "WITH (autovacuum_enabled = false)");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.orders");
        Finding finding = result.findings().get(0);
        assertThat(finding.message()).startsWith("5000 rows modified since the last analyze is 9.1× its autovacuum analyze trigger of 550")
                .endsWith("autovacuum will not analyze it: autovacuum is disabled for this table (autovacuum_enabled=false)");
        assertThat(finding.remediation()).contains("ANALYZE (VERBOSE) public.orders;",
                "ALTER TABLE public.orders SET (autovacuum_analyze_scale_factor = 0.02);");
        assertThat(finding.rollback()).contains("ALTER TABLE public.orders RESET (autovacuum_analyze_scale_factor);");
        assertThat(finding.evidence())
                .containsEntry("kind", "stale")
                .containsEntry("n_mod_since_analyze", 5000)
                .containsEntry("analyze_trigger", 550.0)
                .containsEntry("analyzed", true);
        assertThat(finding.evidence().get("last_analyze")).isNotNull();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void staleRollbackRestoresTheTablesOwnAnalyzeScaleFactor(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "stale_reloption");
        // 5000 updated rows against a trigger of 50 + 0.2 × 5000 = 1050.
        updateOrdersAfterAnalyze(pg, db, "WITH (autovacuum_analyze_scale_factor = 0.2, autovacuum_enabled = false)");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("public.orders");
        assertThat(finding.evidence()).containsEntry("analyze_trigger", 1050.0);
        assertThat(finding.rollback()).contains("ALTER TABLE public.orders SET (autovacuum_analyze_scale_factor = 0.2);");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void passesOnceTablesAndPartitionedParentsAreAnalyzed(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "analyzed");
        createCustomers(pg, db);
        createEvents(pg, db);
        // Analyzing the parent analyzes its partitions too.
        execute(pg, db, "ANALYZE public.customers", "ANALYZE public.events");
        awaitAnalyzed(pg, db, "public.customers", "public.events_2025", "public.events_2026");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void passesForAnalyzedTableAfterStatisticsCountersWereReset(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "stats_reset");
        createCustomers(pg, db);
        execute(pg, db, "ANALYZE public.customers");
        awaitAnalyzed(pg, db, "public.customers");
        execute(pg, db, "SELECT pg_stat_reset()");
        Polling.untilTableStatistics(pg, db, "public.customers", "last_analyze IS NULL");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.PASSED);
        // pg_stats told, in a query of its own the report shows under table_maintenance's.
        assertThat(result.details().queries()).filteredOn(q -> q.fact().equals("table_maintenance"))
                .singleElement().extracting(FactQuery::sql).asString().contains("sql/planner_statistics.sql", "pg_stats");
    }

    private static void createCustomers(EmbeddedPostgres pg, String db) throws Exception {
        createCustomers(pg, db, "");
    }

    /**
     * Autovacuum is on and its counters show the table's rows, so it is about to analyze it: the migration
     * that loaded 200,000 rows seconds ago, or deleted 40% of a table, has not given it its turn yet (the
     * shared servers nap for an hour).
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void passesRightAfterABulkLoadAndABulkDelete(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "bulk");
        Migrations.loadNewTable(pg, db, "public.loaded", 200000);
        Migrations.loadNewTable(pg, db, "public.trimmed", 200000);
        execute(pg, db, "ANALYZE public.trimmed");
        awaitAnalyzed(pg, db, "public.trimmed");
        Migrations.deletePercent(pg, db, "public.trimmed", 200000, 40);
        // Never analyzed, and 80,000 modifications against a trigger of 50 + 0.1 × 200,000.
        Polling.untilTableStatistics(pg, db, "public.loaded", "n_mod_since_analyze = 200000 AND last_autoanalyze IS NULL");
        Polling.untilTableStatistics(pg, db, "public.trimmed", "n_mod_since_analyze = 80000 AND last_autoanalyze IS NULL");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).as(String.valueOf(result.findings())).isEqualTo(Status.PASSED);
    }

    /**
     * Rows loaded, then the statistics counters reset (pg_stat_reset, a crash, a failover): autovacuum counts
     * no modifications, so it will never analyze the table by itself.
     */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsForNeverAnalyzedTableWhoseCountersWereResetSoAutovacuumWillNotAnalyzeIt(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "counters_reset");
        createCustomers(pg, db);
        execute(pg, db, "SELECT pg_stat_reset()");
        Polling.untilTableStatistics(pg, db, "public.customers", "n_mod_since_analyze = 0");
        // Without counters the row estimate is reltuples, which CREATE INDEX sets without analyzing.
        execute(pg, db, "CREATE INDEX ON public.customers (name)");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("public.customers");
        assertThat(finding.message()).startsWith("about 5000 rows and never analyzed")
                .contains("autovacuum will not analyze it either: it counts 0 modifications since the last analyze");
        assertThat(finding.evidence()).containsEntry("kind", "never-analyzed").containsEntry("autovacuum_enabled", true);
    }

    /** Autovacuum analyzes with SKIP_LOCKED: a session holding a conflicting lock keeps it off the table. */
    @Test
    void failsNamingTheSessionWhoseLockKeepsAutovacuumFromANeverAnalyzedTable() throws Exception {
        EmbeddedPostgres pg = AutovacuumServer.shared();
        String db = createDatabase(pg, "analyze_locked");
        execute(pg, db, "CREATE TABLE public.customers (id int PRIMARY KEY, name text)");
        try (Connection holder = AutovacuumServer.openTransaction(pg, db,
                "LOCK TABLE public.customers IN SHARE UPDATE EXCLUSIVE MODE")) {
            int pid = AutovacuumServer.pid(holder);
            execute(pg, db, "INSERT INTO public.customers SELECT g, 'customer ' || g FROM generate_series(1, 5000) g");
            awaitLiveTuples(pg, db, "public.customers", 5000);
            AutovacuumServer.awaitTransactionOpenFor(pg, db, pid, 3);

            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object).containsExactly("public.customers");
            Finding finding = result.findings().get(0);
            assertThat(finding.message()).startsWith("about 5000 rows and never analyzed")
                    .contains("pid " + pid + " (postgres", "ShareUpdateExclusiveLock", "autovacuum skips a table it cannot lock");
            assertThat(finding.remediation()).startsWith("SELECT pg_terminate_backend(" + pid + ");")
                    .contains("ANALYZE (VERBOSE) public.customers;");
            assertThat(finding.rollback()).contains("cannot be undone");
            assertThat(finding.evidence()).containsEntry("kind", "blocked-by-lock").containsEntry("last_autoanalyze", null);
        }
        // The lock released, autovacuum (visiting every second) analyzes the table and the check passes.
        awaitAnalyzedByAutovacuum(pg, db, "public.customers");
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    /** 5000 rows in public.customers, their statistics arrived. */
    private static void createCustomers(EmbeddedPostgres pg, String db, String withClause) throws Exception {
        execute(pg, db,
                "CREATE TABLE public.customers (id int PRIMARY KEY, name text) " + withClause,
                "INSERT INTO public.customers SELECT g, 'customer ' || g FROM generate_series(1, 5000) g");
        awaitLiveTuples(pg, db, "public.customers", 5000);
    }

    /** 3000 rows in public.events, split 1540 / 1460 between its partitions for 2025 and 2026. */
    private static void createEvents(EmbeddedPostgres pg, String db) throws Exception {
        execute(pg, db,
                "CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO public.events SELECT g, date '2025-01-01' + (g % 730) FROM generate_series(1, 3000) g");
        awaitLiveTuples(pg, db, "public.events_2025", 1540);
        awaitLiveTuples(pg, db, "public.events_2026", 1460);
    }

    /** public.orders: 5000 rows, analyzed, then every row updated. */
    private static void updateOrdersAfterAnalyze(EmbeddedPostgres pg, String db, String withClause) throws Exception {
        execute(pg, db,
                "CREATE TABLE public.orders (id int PRIMARY KEY, total numeric) " + withClause,
                "INSERT INTO public.orders SELECT g, g FROM generate_series(1, 5000) g");
        awaitLiveTuples(pg, db, "public.orders", 5000);
        execute(pg, db, "VACUUM (ANALYZE) public.orders");
        awaitAnalyzed(pg, db, "public.orders");
        execute(pg, db, "UPDATE public.orders SET total = total + 1");
        Polling.untilTableStatistics(pg, db, "public.orders", "n_mod_since_analyze >= 5000");
    }

    /** Before PostgreSQL 15 the collector records an ANALYZE (and resets n_mod_since_analyze) a moment later. */
    private static void awaitAnalyzed(EmbeddedPostgres pg, String db, String... tables) throws Exception {
        for (String table : tables) {
            Polling.untilTableStatistics(pg, db, table, "last_analyze IS NOT NULL");
        }
    }

    private static void awaitAnalyzedByAutovacuum(EmbeddedPostgres pg, String db, String table) throws Exception {
        Polling.until(table + " analyzed by autovacuum", java.time.Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
                PostgresServers.queryValue(pg, db, "SELECT last_autoanalyze IS NOT NULL FROM pg_stat_user_tables"
                        + " WHERE relid = '" + table + "'::regclass")));
    }

    /**
     * The writing session flushes its statistics as its backend exits, which may be after the next session
     * starts: waiting keeps a late flush from landing after an ANALYZE and counting as modifications.
     */
    private static void awaitLiveTuples(EmbeddedPostgres pg, String db, String table, int rows) throws Exception {
        Polling.untilTableStatistics(pg, db, table, "n_live_tup >= " + rows);
    }
}
