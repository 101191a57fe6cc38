package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.PerMajorServers;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A baseline saved with the plans of the top statements, then the same database with index scans turned off for it
 * (a planner setting at database level): plan-changed fails naming the statement with both plans, and passes while
 * nothing changed. The table's scan counters show that neither saving nor checking executed the statement: 13
 * plans through PREPARE and EXPLAIN EXECUTE, 17 through EXPLAIN (GENERIC_PLAN).
 */
class PlanChangedCheckTest {

    private static final PerMajorServers SERVERS = new PerMajorServers(major ->
            PostgresServers.builder(major).setServerConfig("shared_preload_libraries", "pg_stat_statements").start());
    private static final String BY_CUSTOMER = "SELECT count(*) FROM orders WHERE customer_id = ?";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.close();
    }

    /** orders with an index on customer_id, queried by customer; a monitoring role with pg_monitor that may read it. */
    private static String ordersByCustomer(EmbeddedPostgres pg, String prefix) throws Exception {
        String db = QueryPlanEvidenceTest.orders(pg, prefix);
        execute(pg, db, "INSERT INTO orders SELECT g, g, NULL FROM generate_series(3001, 30000) g",
                "CREATE INDEX orders_customer ON orders (customer_id)", "VACUUM (ANALYZE) orders",
                "CREATE ROLE monitor_" + db + " LOGIN", "GRANT pg_monitor TO monitor_" + db,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO monitor_" + db);
        QueryPlanEvidenceTest.repeat(pg, db, BY_CUSTOMER, 12);
        return db;
    }

    private static String monitor(EmbeddedPostgres pg, String db) {
        return url(pg, db).replace("user=postgres", "user=monitor_" + db);
    }

    private Path save(EmbeddedPostgres pg, String db) throws Exception {
        Path baseline = dir.resolve(db + ".json");
        CliRun run = CliRun.of("baseline", "save", "--url", monitor(pg, db), "--out", baseline.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("saved \\d+ measurements and \\d+ statements \\(\\d+ with a plan\\)");
        return baseline;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheStatementWhoseIndexScanBecameASeqScanWithBothPlansAndExecutesNothing(int major) throws Exception {
        EmbeddedPostgres pg = SERVERS.get(major);
        String db = ordersByCustomer(pg, "plan_changed");
        long queryid = QueryPlanEvidenceTest.queryid(pg, db, "%customer_id = $1");
        List<Long> scansBefore = scans(pg, db);

        Path baseline = save(pg, db);
        JsonNode recorded = statement(baseline, queryid);
        assertThat(recorded.path("query").asText()).isEqualTo("SELECT count(*) FROM orders WHERE customer_id = $1");
        assertThat(recorded.path("calls").asLong()).isEqualTo(12);
        assertThat(recorded.path("plan_note").asText()).contains(major >= 16 ? "EXPLAIN (GENERIC_PLAN)" : "PREPARE under plan_cache_mode = force_generic_plan");
        assertThat(recorded.path("plan").toString()).contains("orders_customer", "\"relation\":\"public.orders\"");
        CheckResult unchanged = Checks.run(monitor(pg, db), "plan-changed", Map.of(Constants.BASELINE, baseline.toString()));
        assertThat(unchanged.status()).as(unchanged.toString()).isEqualTo(Status.PASSED);

        execute(pg, db, "ALTER DATABASE " + db + " SET enable_indexscan = off", "ALTER DATABASE " + db + " SET enable_bitmapscan = off",
                "ALTER DATABASE " + db + " SET enable_indexonlyscan = off");
        CheckResult changed = Checks.run(monitor(pg, db), "plan-changed", Map.of(Constants.BASELINE, baseline.toString()));

        Finding finding = QueryPlanEvidenceTest.finding(changed, "queryid:" + queryid);
        assertThat(finding.message()).startsWith("SELECT count(*) FROM orders WHERE customer_id = $1: plan changed since the baseline of ")
                .contains("no longer ", "using orders_customer on public.orders", "now Seq Scan on public.orders",
                        "mean ", "over 12 calls then", "over 12 calls now");
        assertThat(finding.remediation()).startsWith("Before (baseline of ")
                .contains("):\nAggregate (Plain)  (rows=1 cost=", "\n  -> Index Only Scan using orders_customer on public.orders  (rows=",
                        "\nNow:\nAggregate (Plain)  (rows=1 cost=", "\n  -> Seq Scan on public.orders  (rows=", "ANALYZE (VERBOSE)", "CREATE STATISTICS",
                        "ALTER DATABASE <db> SET");
        assertThat(finding.rollback()).contains("DROP STATISTICS", "RESET <setting>");
        assertThat(finding.evidence()).containsKeys("plan_before", "plan_now", "mean_ms", "mean_ms_now", "calls_now");
        assertThat(scans(pg, db)).as("seq_scan and idx_scan of orders after saving and two checks").isEqualTo(scansBefore);
    }

    @Test
    void aBaselineSavedBeforePlansWereRecordedSkipsAndSaysToSaveItAgain() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(17);
        String db = ordersByCustomer(pg, "plan_old_baseline");
        Path old = dir.resolve("old.json");
        Files.writeString(old, "{\"format\": \"pgwarden-baseline/1\", \"saved_at\": \"2026-01-01T00:00:00Z\", \"measurements\": []}");

        CheckResult result = Checks.run(monitor(pg, db), "plan-changed", Map.of(Constants.BASELINE, old.toString()));

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).isEqualTo("the baseline " + old + " has no plans: it was saved before 'baseline save' recorded"
                + " the top statements with their plans; save it again to compare plans from now on");
    }

    @Test
    void utilityStatementsAreRecordedAsNotPlannableWithTheirTextWithheldAndTheSaveSucceeds() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(13);
        String db = ordersByCustomer(pg, "plan_utility");
        execute(pg, db, "CREATE ROLE plan_utility_secret PASSWORD 'hunter2'", "DROP ROLE plan_utility_secret");

        Path baseline = save(pg, db);

        assertThat(Files.readString(baseline)).doesNotContain("hunter2");
        JsonNode utility = null;
        for (JsonNode s : JSON.readTree(baseline.toFile()).path("statements")) {
            if (s.path("query").asText().startsWith("CREATE ROLE")) {
                utility = s;
            }
        }
        assertThat(utility).as("the CREATE ROLE entry").isNotNull();
        assertThat(utility.path("query").asText()).isEqualTo("CREATE ROLE … (utility statement, text withheld)");
        assertThat(utility.path("plan").isNull()).isTrue();
        assertThat(utility.path("plan_note").asText()).isEqualTo("a utility statement has no plan");
    }

    private static JsonNode statement(Path baseline, long queryid) throws Exception {
        for (JsonNode s : JSON.readTree(baseline.toFile()).path("statements")) {
            if (s.path("queryid").asLong() == queryid) {
                return s;
            }
        }
        throw new AssertionError("queryid " + queryid + " not in " + Files.readString(baseline));
    }

    /** seq_scan and idx_scan of orders once every other session of the database has ended and so flushed its statistics. */
    private static List<Long> scans(EmbeddedPostgres pg, String db) throws Exception {
        Polling.untilTrue(pg, "postgres", "SELECT NOT EXISTS (SELECT FROM pg_stat_activity WHERE datname = '" + db + "')");
        Thread.sleep(600); // before 15 the collector receives the last session's counts up to 500 ms after it ended
        String counts = (String) PostgresServers.queryValue(pg, db,
                "SELECT seq_scan || ',' || coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'orders'");
        return java.util.Arrays.stream(counts.split(",")).map(Long::valueOf).toList();
    }
}
