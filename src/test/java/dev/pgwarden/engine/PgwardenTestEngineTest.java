package dev.pgwarden.engine;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.TestAbortedException;

/** The pgwarden engine driven through the JUnit Platform test kit against a real PostgreSQL 17. */
class PgwardenTestEngineTest {

    private static final List<String> DEFAULT_SUITE = List.of(
            "autovacuum-staleness", "xid-age", "connection-saturation", "missing-analyze", "seq-scan-large-table", "invalid-indexes",
            "collation-version-mismatch", "read-latency", "query-latency", "lock-contention", "lwlock-contention");
    private static final UniqueId ENGINE = UniqueId.forEngine("pgwarden");

    private static EmbeddedPostgres postgres;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.start(17);
        String db = createDatabase(postgres, "engine");
        Problems.neverAnalyzedTable(postgres, db, "public.customers", 5000);
        url = url(postgres, db);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static EngineTestKit.Builder pgwarden(String checks) {
        EngineTestKit.Builder builder = EngineTestKit.engine("pgwarden").configurationParameter(Constants.URL, url);
        return checks == null ? builder : builder.configurationParameter(Constants.CHECKS, checks);
    }

    @Test
    void engineSelectorDiscoversOneTargetContainerAndOneTestPerCheckOfTheSuite() {
        EngineExecutionResults results = pgwarden(null).selectors(selectUniqueId(ENGINE)).execute();

        results.containerEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        results.testEvents().assertStatistics(stats -> stats.started(11).finished(11));
        assertThat(startedCheckIds(results)).containsExactlyInAnyOrderElementsOf(DEFAULT_SUITE);
        assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getUniqueId().toString()))
                .contains("[engine:pgwarden]/[target:default]/[check:xid-age]");
    }

    @Test
    void checkWithFindingsFailsWithMessageNamingTheObject() {
        EngineExecutionResults results = pgwarden("missing-analyze").selectors(selectUniqueId(ENGINE)).execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("missing-analyze"),
                finishedWithFailure(instanceOf(CheckFailedError.class),
                        message(m -> m.contains("public.customers") && m.contains("never analyzed")
                                && m.contains("ANALYZE (VERBOSE) public.customers;")))));
    }

    @Test
    void passingCheckSucceeds() {
        EngineExecutionResults results = pgwarden("connection-saturation").selectors(selectUniqueId(ENGINE)).execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void setParameterOverridesTheDefaultAndIsReported() throws Exception {
        EngineExecutionResults results = pgwarden("missing-analyze")
                .configurationParameter(Constants.SET, "missing-analyze.min_rows=10000")
                .selectors(selectUniqueId(ENGINE)).execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        JsonNode result = resultEntries(results).get("missing-analyze");
        assertThat(result.path("parameters").path("min_rows").asText()).isEqualTo("10000");
        assertThat(result.path("status").asText()).isEqualTo("passed");
    }

    @Test
    void oneCheckRerunsByItsUniqueIdAlone() {
        EngineExecutionResults results = pgwarden(null)
                .selectors(selectUniqueId("[engine:pgwarden]/[target:default]/[check:connection-saturation]"))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(startedCheckIds(results)).containsExactly("connection-saturation");
    }

    @Test
    void rulesClasspathResourceSelectorDiscoversEveryCheck() {
        EngineExecutionResults results = pgwarden(null).selectors(selectClasspathResource("rules")).execute();

        assertThat(startedCheckIds(results)).containsExactlyInAnyOrderElementsOf(DEFAULT_SUITE);
    }

    @Test
    void oneRuleFileSelectorDiscoversThatCheckAlone() {
        EngineExecutionResults results = pgwarden(null).selectors(selectClasspathResource("rules/xid-age.drl")).execute();

        assertThat(startedCheckIds(results)).containsExactly("xid-age");
    }

    @Test
    void withoutAPgwardenSelectorTheEngineDiscoversNothingAndNeverConnects() {
        // No URL at all: if the engine tried to plan or connect, this would fail.
        EngineExecutionResults results = EngineTestKit.engine("pgwarden")
                .selectors(selectPackage("dev.pgwarden"), selectClass(PgwardenTestEngineTest.class),
                        selectClasspathResource("sql/database_age.sql"))
                .execute();

        results.allEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        results.testEvents().assertStatistics(stats -> stats.started(0));
    }

    @Test
    void everyTestPublishesItsResultAsJson() {
        EngineExecutionResults results = pgwarden("missing-analyze,connection-saturation")
                .selectors(selectUniqueId(ENGINE)).execute();

        Map<String, JsonNode> entries = resultEntries(results);
        assertThat(entries).containsOnlyKeys("missing-analyze", "connection-saturation");
        JsonNode failed = entries.get("missing-analyze");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("findings").get(0).path("object").asText()).isEqualTo("public.customers");
        assertThat(entries.get("connection-saturation").path("status").asText()).isEqualTo("passed");
        assertThat(entries.get("connection-saturation").path("findings")).isEmpty();
    }

    @Test
    void checkWaitingLongerThanLockTimeoutErrorsAndTheOthersStillRun() throws Exception {
        String db = createDatabase(postgres, "engine_lock");
        PostgresServers.execute(postgres, db, "CREATE TABLE public.busy (id int)");
        try (Connection holder = PostgresServers.superuser(postgres, db); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE public.busy IN ACCESS EXCLUSIVE MODE");

            EngineExecutionResults results = lockedRun(db, Map.of(Constants.LOCK_TIMEOUT, "200ms"));

            results.testEvents().assertThatEvents().haveExactly(1, event(test("seq-scan-large-table"),
                    finishedWithFailure(instanceOf(CheckErrorException.class),
                            message(m -> m.contains("reading table_scans waited longer than lock_timeout")))));
            assertOthersPassed(results);
            assertThat(resultEntries(results).get("seq-scan-large-table").path("status").asText()).isEqualTo("error");
        }
    }

    @Test
    void checkRunningLongerThanStatementTimeoutErrorsAndTheOthersStillRun() throws Exception {
        String db = createDatabase(postgres, "engine_slow");
        PostgresServers.execute(postgres, db, "CREATE TABLE public.busy (id int)");
        try (Connection holder = PostgresServers.superuser(postgres, db); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE public.busy IN ACCESS EXCLUSIVE MODE");

            EngineExecutionResults results = lockedRun(db,
                    Map.of(Constants.STATEMENT_TIMEOUT, "300ms", Constants.LOCK_TIMEOUT, "30s"));

            results.testEvents().assertThatEvents().haveExactly(1, event(test("seq-scan-large-table"),
                    finishedWithFailure(instanceOf(CheckErrorException.class),
                            message(m -> m.contains("reading table_scans exceeded statement_timeout")))));
            assertOthersPassed(results);
        }
    }

    /** Sizing every table (min_size 0) makes seq-scan-large-table wait for the lock on public.busy. */
    private static EngineExecutionResults lockedRun(String db, Map<String, String> timeouts) {
        return EngineTestKit.engine("pgwarden")
                .configurationParameter(Constants.URL, url(postgres, db))
                .configurationParameter(Constants.CHECKS, "connection-saturation,seq-scan-large-table,xid-age")
                .configurationParameter(Constants.SET, "seq-scan-large-table.min_size=0kB")
                .configurationParameters(timeouts)
                .selectors(selectUniqueId(ENGINE))
                .execute();
    }

    private static void assertOthersPassed(EngineExecutionResults results) {
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("connection-saturation"), finishedSuccessfully()))
                .haveExactly(1, event(test("xid-age"), finishedSuccessfully()));
    }

    static List<String> startedCheckIds(EngineExecutionResults results) {
        return results.testEvents().started().stream()
                .map(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getValue())
                .toList();
    }

    static Map<String, JsonNode> resultEntries(EngineExecutionResults results) {
        Map<String, JsonNode> byCheck = new TreeMap<>();
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            String json = event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(Constants.RESULT_ENTRY);
            if (json != null) {
                try {
                    byCheck.put(event.getTestDescriptor().getUniqueId().getLastSegment().getValue(), new ObjectMapper().readTree(json));
                } catch (java.io.IOException e) {
                    throw new AssertionError("pgwarden.result is not JSON: " + json, e);
                }
            }
        }
        return byCheck;
    }

    /** A role without the privilege one fact needs, on a server whose catalog privileges can be changed freely. */
    @Nested
    class WithoutPrivilegeOnAFactsView {

        private static EmbeddedPostgres restricted;
        private static String watcherUrl;

        @BeforeAll
        static void startRestricted() throws Exception {
            restricted = PostgresServers.start(17);
            String db = createDatabase(restricted, "restricted");
            PostgresServers.execute(restricted, db,
                    "CREATE ROLE watcher LOGIN",
                    "REVOKE SELECT ON pg_catalog.pg_prepared_xacts FROM PUBLIC");
            watcherUrl = "jdbc:postgresql://localhost:" + restricted.getPort() + "/" + db + "?user=watcher";
        }

        @AfterAll
        static void stopRestricted() throws Exception {
            restricted.close();
        }

        @Test
        void xidAgeIsSkippedNamingTheMissingPrivilegeAndTheOthersStillRun() {
            // Any database ages past a warning bound of 1, so xid-age needs the horizon's holders for its findings.
            EngineExecutionResults results = EngineTestKit.engine("pgwarden")
                    .configurationParameter(Constants.URL, watcherUrl)
                    .configurationParameter(Constants.SET, "xid-age.warn_age=1")
                    .selectors(selectUniqueId(ENGINE))
                    .execute();

            // the four probe checks have no probe here, so they are skipped too
            results.testEvents().assertStatistics(stats -> stats.started(11).aborted(5).succeeded(6));
            results.testEvents().assertThatEvents().haveExactly(1, event(test("xid-age"),
                    abortedWithReason(instanceOf(TestAbortedException.class),
                            message(m -> m.startsWith("missing privilege reading xid_horizon")
                                    && m.contains("permission denied for view pg_prepared_xacts")))));
            assertThat(resultEntries(results).get("xid-age").path("status").asText()).isEqualTo("skipped");
        }

        @Test
        void evidenceOnlyAFindingNeedsIsNotReadWhereThereIsNone() {
            // xid_horizon and vacuum_horizon read pg_prepared_xacts, but only for a database or table past a bound
            EngineExecutionResults results = EngineTestKit.engine("pgwarden")
                    .configurationParameter(Constants.URL, watcherUrl)
                    .selectors(selectUniqueId(ENGINE))
                    .execute();

            results.testEvents().assertStatistics(stats -> stats.started(11).aborted(4).succeeded(7));
            Map<String, JsonNode> byCheck = resultEntries(results);
            assertThat(byCheck.get("xid-age").path("status").asText()).isEqualTo("passed");
            assertThat(byCheck.get("xid-age").toString()).doesNotContain("xid_horizon");
            assertThat(byCheck.get("autovacuum-staleness").path("status").asText()).isEqualTo("passed");
            assertThat(byCheck.get("autovacuum-staleness").toString()).doesNotContain("vacuum_horizon");
            assertThat(byCheck.get("connection-saturation").toString()).contains("connection_usage").doesNotContain("server_settings");
        }
    }
}
