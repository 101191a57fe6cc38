package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.facts.BaselineFile;
import dev.pgwarden.facts.Measurement;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.QueryPlans;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.PerMajorServers;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.StreamingStandby;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The statements behind statement-latency, seq-scan-large-table and baseline-regression findings, and their plans.
 * Whether pgwarden executed a statement is read from the table statistics of what it would scan: an executed plan
 * adds a sequential scan, a generic plan does not.
 */
class QueryPlanEvidenceTest {

    private static final PerMajorServers SERVERS = new PerMajorServers(major ->
            PostgresServers.builder(major).setServerConfig("shared_preload_libraries", "pg_stat_statements").start());
    private static final String PARAMETERIZED = "SELECT count(*) FROM orders WHERE customer_id = ?";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAIN = "SELECT count(*) FROM orders WHERE note IS NULL";

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.close();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {17, 18})
    void statementLatencyCarriesItsEntryAndAGenericPlanWithoutExecutingIt(int major) throws Exception {
        EmbeddedPostgres pg = SERVERS.get(major);
        String db = orders(pg, "generic_plans");
        repeat(pg, db, PARAMETERIZED, 12);
        long queryid = queryid(pg, db, "%customer_id = $1");
        long scansBefore = seqScans(pg, db, "orders");

        CheckResult result = Checks.run(url(pg, db), "statement-latency", "min_calls=10", "max_mean=0us");

        Finding finding = finding(result, "queryid:" + queryid);
        assertThat(finding.evidence()).containsEntry(QueryPlans.PLAN_KIND, "generic")
                .containsEntry(QueryPlans.MATCHED_BY, "the entries of queryid " + queryid + " in the connected database");
        Map<String, Object> statement = QueryPlans.statements(finding).get(0);
        assertThat(number(statement, "queryid")).isEqualTo(queryid);
        assertThat(number(statement, "calls")).isEqualTo(12);
        assertThat(statement).containsEntry("user_name", "postgres")
                .containsEntry("query_start", "SELECT count(*) FROM orders WHERE customer_id = $1")
                .containsKeys("mean_ms", "total_ms", "rows", "shared_blks_read");
        assertThat((String) statement.get(QueryPlans.PLAN_NOTE)).contains("EXPLAIN (GENERIC_PLAN)", "nothing executed",
                "EXPLAIN (ANALYZE) runs only with --explain-analyze");
        assertThat(planText(statement)).contains("\"Node Type\":\"Aggregate\"", "\"Relation Name\":\"orders\"", "$1")
                .doesNotContain("Actual Rows");
        awaitBackendsGone(pg);
        assertThat(seqScans(pg, db, "orders")).isEqualTo(scansBefore);
    }

    @Test
    void aRoleWithOnlyPgMonitorKeepsTheFindingAndItsEntryAndIsToldWhyThereIsNoPlan() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(17);
        String db = orders(pg, "monitor_plans");
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN", "GRANT pg_monitor TO " + monitor);
        repeat(pg, db, PARAMETERIZED, 12);
        long queryid = queryid(pg, db, "%customer_id = $1");

        CheckResult result = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), "statement-latency",
                "min_calls=10", "max_mean=0us");

        Map<String, Object> statement = QueryPlans.statements(finding(result, "queryid:" + queryid)).get(0);
        assertThat(number(statement, "calls")).isEqualTo(12);
        assertThat(statement).containsEntry(QueryPlans.PLAN_KIND, "none");
        assertThat((String) statement.get(QueryPlans.PLAN_NOTE)).startsWith("EXPLAIN (GENERIC_PLAN) failed: ERROR: permission denied for table orders");
    }

    @Test
    void onPostgres13TheFindingCarriesTheGenericPlanOfAPreparedStatementWithoutExecutingIt() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(13);
        String db = orders(pg, "prepared_generic_plan");
        repeat(pg, db, PARAMETERIZED, 12);
        long queryid = queryid(pg, db, "%customer_id = $1");
        // Before 15 the collector gets a session's counts shortly after it ends: wait for the 12 scans to arrive.
        Polling.untilTableStatistics(pg, db, "orders", "seq_scan >= 12");
        long scansBefore = seqScans(pg, db, "orders");

        CheckResult result = Checks.run(url(pg, db), "statement-latency", "min_calls=10", "max_mean=0us");

        Finding finding = finding(result, "queryid:" + queryid);
        assertThat(finding.evidence()).containsEntry(QueryPlans.PLAN_KIND, "generic");
        Map<String, Object> statement = QueryPlans.statements(finding).get(0);
        assertThat(number(statement, "calls")).isEqualTo(12);
        assertThat((String) statement.get(QueryPlans.PLAN_NOTE)).isEqualTo("generic plan from PREPARE under plan_cache_mode ="
                + " force_generic_plan, then EXPLAIN EXECUTE with NULL parameters: planned for any parameter values, nothing executed;"
                + " not executed because EXPLAIN (ANALYZE) runs only with --explain-analyze");
        assertThat(planText(statement)).contains("\"Node Type\":\"Aggregate\"", "\"Relation Name\":\"orders\"")
                .doesNotContain("Actual Rows");
        awaitBackendsGone(pg);
        assertThat(seqScans(pg, db, "orders")).isEqualTo(scansBefore);
    }

    @Test
    void onAPrimaryExplainAnalyzeExecutesNothingWithoutTheSecondOptIn() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(17);
        String db = orders(pg, "primary_analyze");
        repeat(pg, db, PLAIN, 12);
        long queryid = queryid(pg, db, "%note IS NULL");
        long scansBefore = seqScans(pg, db, "orders");

        CheckResult standbyOnly = Checks.run(url(pg, db), "statement-latency", Map.of(Constants.EXPLAIN_ANALYZE, "standby"),
                "min_calls=10", "max_mean=0us");
        awaitBackendsGone(pg);
        long scansAfterStandbyOnly = seqScans(pg, db, "orders");
        CheckResult anywhere = Checks.run(url(pg, db), "statement-latency", Map.of(Constants.EXPLAIN_ANALYZE, "anywhere"),
                "min_calls=10", "max_mean=0us");
        awaitBackendsGone(pg);

        Map<String, Object> refused = QueryPlans.statements(finding(standbyOnly, "queryid:" + queryid)).get(0);
        assertThat(refused).containsEntry(QueryPlans.PLAN_KIND, "generic");
        assertThat((String) refused.get(QueryPlans.PLAN_NOTE)).contains("the target is a primary (pg_is_in_recovery() is false)",
                "--explain-analyze-on-primary");
        assertThat(scansAfterStandbyOnly).as("sequential scans of orders after a run without the opt-in").isEqualTo(scansBefore);
        Map<String, Object> executed = QueryPlans.statements(finding(anywhere, "queryid:" + queryid)).get(0);
        assertThat(executed).containsEntry(QueryPlans.PLAN_KIND, "analyze");
        assertThat((String) executed.get(QueryPlans.PLAN_NOTE)).contains("EXPLAIN (ANALYZE, BUFFERS)", "on this primary");
        assertThat(planText(executed)).contains("\"Actual Rows\":2000", "\"Shared Hit Blocks\"");
        assertThat(seqScans(pg, db, "orders")).as("the opted-in run executed the count once").isEqualTo(scansBefore + 1);
    }

    @Test
    void statementsThatWriteOrCallFunctionsNotProvedSafeAreNeverExecutedEvenWhenAllowedEverywhere() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(17);
        String db = orders(pg, "unsafe_statements");
        // Rows enough for each statement to take a measurable time, which max_mean=0us fails.
        execute(pg, db, "CREATE TABLE marker (id int)", "INSERT INTO marker SELECT generate_series(1, 20000)",
                "CREATE TABLE scratch (note text)", "INSERT INTO scratch SELECT NULL FROM generate_series(1, 20000)",
                "CREATE FUNCTION touch_marker() RETURNS bigint VOLATILE LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM marker); END $$",
                "CREATE VIEW touched AS SELECT touch_marker() AS n");
        repeat(pg, db, "DELETE FROM scratch WHERE note IS NOT NULL", 12);
        repeat(pg, db, "SELECT touch_marker()", 12);
        repeat(pg, db, "SELECT n FROM touched", 12);
        long markerScans = seqScans(pg, db, "marker");
        long scratchScans = seqScans(pg, db, "scratch");

        CheckResult result = Checks.run(url(pg, db), "statement-latency", Map.of(Constants.EXPLAIN_ANALYZE, "anywhere"),
                "min_calls=10", "max_mean=0us");
        awaitBackendsGone(pg);

        assertThat(note(result, "DELETE FROM scratch%")).startsWith("generic plan").contains("it is not a SELECT (it starts with DELETE)");
        assertThat(note(result, "SELECT touch_marker()")).contains("it calls touch_marker(), not among the built-in functions");
        assertThat(note(result, "SELECT n FROM touched")).contains("it calls touch_marker()");
        assertThat(seqScans(pg, db, "marker")).as("the volatile function never ran").isEqualTo(markerScans);
        assertThat(seqScans(pg, db, "scratch")).as("the DELETE never ran").isEqualTo(scratchScans);
        assertThat(PostgresServers.queryValue(pg, db, "SELECT count(*) FROM scratch")).isEqualTo(20000L);
    }

    @Test
    void onAStandbyExplainAnalyzeExecutesAPlainSelect() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(17);
        String db = orders(pg, "standby_analyze");
        try (StreamingStandby standby = StreamingStandby.start(pg, "qp_standby")) {
            Polling.until("orders on the standby", Duration.ofSeconds(30), () -> tableOnStandby(standby, db));
            try (Connection c = java.sql.DriverManager.getConnection(standby.url(db)); Statement s = c.createStatement()) {
                for (int i = 0; i < 12; i++) {
                    s.execute(PLAIN);
                }
            }

            CheckResult result = Checks.run(standby.url(db), "statement-latency", Map.of(Constants.EXPLAIN_ANALYZE, "standby"),
                    "min_calls=10", "max_mean=0us");

            Finding finding = result.findings().stream().filter(f -> String.valueOf(f.evidence().get("query_start")).endsWith("note IS NULL"))
                    .findFirst().orElseThrow(() -> new AssertionError(result.toString()));
            Map<String, Object> statement = QueryPlans.statements(finding).get(0);
            assertThat(statement).containsEntry(QueryPlans.PLAN_KIND, "analyze");
            assertThat((String) statement.get(QueryPlans.PLAN_NOTE)).contains("read-only session on this standby");
            assertThat(planText(statement)).contains("\"Actual Rows\":2000");
        }
    }

    @Test
    void seqScanLargeTableNamesTheStatementsReadingTheTableAndHowTheyWereMatched() throws Exception {
        EmbeddedPostgres pg = SERVERS.get(17);
        String db = orders(pg, "seqscan_statements");
        execute(pg, db, "CREATE TABLE orders_archive (id int)", "INSERT INTO orders SELECT g, g % 7, NULL FROM generate_series(3001, 40000) g",
                "VACUUM (ANALYZE) orders");
        repeat(pg, db, PARAMETERIZED, 110);
        repeat(pg, db, "SELECT count(*) FROM orders_archive WHERE id = ?", 5);
        Polling.untilTableStatistics(pg, db, "public.orders", "seq_scan >= 110");

        CheckResult result = Checks.run(url(pg, db), "seq-scan-large-table", "min_size=1MB");

        Finding finding = finding(result, "public.orders");
        assertThat((String) finding.evidence().get(QueryPlans.MATCHED_BY)).contains("whose text names public.orders",
                "right after FROM or JOIN");
        assertThat(QueryPlans.statements(finding)).extracting(s -> s.get("query_start"))
                .contains("SELECT count(*) FROM orders WHERE customer_id = $1")
                .doesNotContain("SELECT count(*) FROM orders_archive WHERE id = $1");
        assertThat(finding.evidence()).containsEntry(QueryPlans.PLAN_KIND, "generic");
    }

    @Test
    void withoutPgStatStatementsTheFindingStaysAndSaysWhyItHasNoStatements() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = orders(pg, "seqscan_without_statements");
        execute(pg, db, "INSERT INTO orders SELECT g, g % 7, NULL FROM generate_series(3001, 40000) g", "VACUUM (ANALYZE) orders");
        repeat(pg, db, PARAMETERIZED, 110);
        Polling.untilTableStatistics(pg, db, "public.orders", "seq_scan >= 110");

        CheckResult result = Checks.run(url(pg, db), "seq-scan-large-table", "min_size=1MB");

        Finding finding = finding(result, "public.orders");
        assertThat(finding.evidence()).containsEntry(QueryPlans.PLAN_KIND, "none").doesNotContainKey(QueryPlans.STATEMENTS);
        assertThat((String) finding.evidence().get(QueryPlans.UNAVAILABLE)).startsWith("pg_stat_statements is not loaded")
                .endsWith("so no statements and no plan");
    }

    @Test
    void baselineRegressionOfAStatementCarriesItsEntryAndPlan(@TempDir Path dir) throws Exception {
        EmbeddedPostgres pg = SERVERS.get(18);
        String db = orders(pg, "baseline_statement");
        repeat(pg, db, "SELECT count(*), pg_sleep(0.002) FROM orders WHERE customer_id = ?", 12);
        long queryid = queryid(pg, db, "%pg_sleep%");
        Path baseline = dir.resolve("baseline.json");
        BaselineFile.write(baseline, "test", 180000, List.of(new Measurement("queryid:" + queryid, "mean_exec_time_ms", 1.0, 1)));

        CheckResult result = Checks.run(url(pg, db), "baseline-regression", Map.of(Constants.BASELINE, baseline.toString()));

        Finding finding = finding(result, "queryid:" + queryid);
        assertThat(finding.evidence()).containsEntry(QueryPlans.PLAN_KIND, "generic");
        assertThat(QueryPlans.statements(finding)).singleElement().satisfies(s -> assertThat(number(s, "queryid")).isEqualTo(queryid));
    }

    @Test
    void thePlanAppearsInTheJsonMarkdownAndAllureReports(@TempDir Path reports) throws Exception {
        EmbeddedPostgres pg = SERVERS.get(17);
        String db = orders(pg, "plan_reports");
        repeat(pg, db, PARAMETERIZED, 12);
        long queryid = queryid(pg, db, "%customer_id = $1");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--check", "statement-latency", "--set", "statement-latency.min_calls=10",
                "--set", "statement-latency.max_mean=0us", "--format", "json,markdown,allure", "--report-dir", reports.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = JSON.readTree(reports.resolve("pgwarden.json").toFile());
        JsonNode finding = StreamSupport.stream(json.at("/checks/0/findings").spliterator(), false)
                .filter(f -> f.path("object").asText().equals("queryid:" + queryid)).findFirst().orElseThrow();
        assertThat(finding.at("/evidence/plan_kind").asText()).isEqualTo("generic");
        assertThat(finding.at("/evidence/statements/0/plan/0/Plan/Node Type").asText()).isEqualTo("Aggregate");
        String markdown = Files.readString(reports.resolve("pgwarden.md"));
        assertThat(markdown).contains("<details><summary>statements and plans (generic)</summary>", "`queryid:" + queryid + "` by postgres: 12 calls",
                "Plan: **generic**, generic plan from EXPLAIN (GENERIC_PLAN)", "```json", "\"Node Type\" : \"Aggregate\"");
        Path allure = reports.resolve("allure-results");
        JsonNode result;
        try (Stream<Path> files = Files.list(allure)) {
            result = JSON.readTree(files.filter(f -> f.toString().endsWith("-result.json")).findFirst().orElseThrow().toFile());
        }
        JsonNode attachment = StreamSupport.stream(result.path("attachments").spliterator(), false)
                .filter(a -> a.path("name").asText().equals("plan (generic) of queryid:" + queryid + " for queryid:" + queryid))
                .findFirst().orElseThrow(() -> new AssertionError(result.path("attachments").toString()));
        assertThat(attachment.path("type").asText()).isEqualTo("application/json");
        assertThat(JSON.readTree(allure.resolve(attachment.path("source").asText()).toFile()).at("/0/Plan/Node Type").asText())
                .isEqualTo("Aggregate");
    }

    @Test
    void onPrimaryWithoutExplainAnalyzeIsAUsageError() {
        CliRun run = CliRun.of("check", "--url", "jdbc:postgresql://localhost:1/none", "--explain-analyze-on-primary");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--explain-analyze-on-primary widens --explain-analyze: give both");
    }

    /** A database with pg_stat_statements and a table orders of 3000 rows, 2000 of them without a note. */
    static String orders(EmbeddedPostgres pg, String prefix) throws Exception {
        String db = createDatabase(pg, prefix);
        execute(pg, db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                "CREATE TABLE orders (id int, customer_id int, note text)",
                "INSERT INTO orders SELECT g, g % 7, CASE WHEN g % 3 = 0 THEN 'n' END FROM generate_series(1, 3000) g",
                "VACUUM (ANALYZE) orders");
        return db;
    }

    static void repeat(EmbeddedPostgres pg, String db, String sql, int times) throws Exception {
        try (Connection c = PostgresServers.superuser(pg, db); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < times; i++) {
                if (sql.contains("?")) {
                    s.setInt(1, i % 7);
                }
                s.execute();
            }
        }
    }

    static long queryid(EmbeddedPostgres pg, String db, String like) throws Exception {
        return ((Number) PostgresServers.queryValue(pg, db, "SELECT queryid FROM pg_stat_statements WHERE query LIKE '"
                + like.replace("'", "''") + "' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")).longValue();
    }

    static Finding finding(CheckResult result, String object) {
        assertThat(result.status()).as(result.toString()).isEqualTo(Status.FAILED);
        return result.findings().stream().filter(f -> f.object().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding for " + object + " in " + result.findings()));
    }

    private static String note(CheckResult result, String queryLike) {
        String start = queryLike.replace("%", "");
        Finding finding = result.findings().stream().filter(f -> String.valueOf(f.evidence().get("query_start")).startsWith(start))
                .findFirst().orElseThrow(() -> new AssertionError("no finding for " + queryLike + " in " + result));
        return (String) QueryPlans.statements(finding).get(0).get(QueryPlans.PLAN_NOTE);
    }

    private static long number(Map<String, Object> statement, String key) {
        return ((Number) statement.get(key)).longValue();
    }

    static String planText(Map<String, Object> statement) throws Exception {
        return dev.pgwarden.results.CheckResultCodec.mapper().writeValueAsString(statement.get(QueryPlans.PLAN));
    }

    /** Sequential scans of a table, once every other session of the database has ended and so flushed its statistics. */
    private static long seqScans(EmbeddedPostgres pg, String db, String table) throws Exception {
        Polling.untilTrue(pg, "postgres", "SELECT NOT EXISTS (SELECT FROM pg_stat_activity WHERE datname = '" + db + "')");
        return ((Number) PostgresServers.queryValue(pg, db, "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = '" + table + "'"))
                .longValue();
    }

    /** A backend flushes its statistics before it leaves pg_stat_activity. */
    private static void awaitBackendsGone(EmbeddedPostgres pg) throws Exception {
        Polling.untilTrue(pg, "postgres", "SELECT NOT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'pgwarden')");
    }

    private static boolean tableOnStandby(StreamingStandby standby, String db) {
        try (Connection c = java.sql.DriverManager.getConnection(standby.url(db)); Statement s = c.createStatement()) {
            return s.executeQuery("SELECT count(*) FROM orders").next();
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
