package dev.pgwarden.engine;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.pgwarden.samples.DatabaseHealthSuite;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs the documented {@code @Suite} sample through the JUnit Platform suite engine, as a user's build
 * would. The target's URL is only known once the embedded server has started, so it is given to the suite
 * engine's own request: a suite inherits its parent's configuration parameters.
 */
class SampleSuiteTest {

    private static EmbeddedPostgres postgres;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.start(17);
        String db = createDatabase(postgres, "sample");
        // Below the default min_rows of 1000 but above the sample's 500: only the sample's setting finds it.
        Problems.neverAnalyzedTable(postgres, db, "public.orders", 800);
        url = url(postgres, db);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void sampleSuiteRunsTheChecksItSelectsWithItsParameters() {
        EngineExecutionResults results = EngineTestKit.engine("junit-platform-suite")
                .configurationParameter(Constants.URL, url)
                .selectors(selectClass(DatabaseHealthSuite.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getUniqueId().toString()))
                .allMatch(id -> id.contains("/[engine:pgwarden]/[target:default]/[check:"))
                .hasSize(3);
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("missing-analyze"), finishedWithFailure(message(m -> m.contains("public.orders")))))
                .haveExactly(1, event(test("connection-saturation"), finishedSuccessfully()))
                .haveExactly(1, event(test("xid-age"), finishedSuccessfully()));
    }
}
