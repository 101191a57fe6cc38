package dev.pgwarden.suites;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.cli.Main;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suites change what fails: object overrides, waivers and severities, each seen against a real database
 * where the same run without them fails.
 */
class SuiteFeaturesTest {

    static EmbeddedPostgres pg;
    static String db;
    @TempDir
    Path dir;

    @BeforeAll
    static void twoNeverAnalyzedTables() throws Exception {
        pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        db = createDatabase(pg, "suites");
        execute(pg, db,
                "CREATE TABLE public.events_2026 (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.events_2026 SELECT generate_series(1, 3000)",
                "CREATE TABLE public.customers (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.customers SELECT generate_series(1, 3000)");
        Polling.untilTableStatistics(pg, db, "public.customers", "n_live_tup >= 3000");
        Polling.untilTableStatistics(pg, db, "public.events_2026", "n_live_tup >= 3000");
    }

    private Run check(String suiteYaml, String... more) throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, suiteYaml);
        String[] args = new String[4 + more.length];
        args[0] = "check";
        args[1] = "--url=" + url(pg, db);
        args[2] = "--suite=" + suite;
        args[3] = "--format=console";
        System.arraycopy(more, 0, args, 4, more.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int exitCode, String out, String err) {
    }

    private static final String PLAIN = """
            name: plain
            checks:
              missing-analyze: {}
            """;

    @Test
    void withoutOverridesOrWaiversBothTablesFail() throws Exception {
        Run run = check(PLAIN);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[warning] public.events_2026", "[warning] public.customers");
    }

    @Test
    void objectOverrideRaisesTheThresholdForMatchingTablesOnly() throws Exception {
        Run run = check("""
                name: override
                checks:
                  missing-analyze:
                    objects:
                      - match: "public.events_*"
                        parameters:
                          min_rows: 1000000
                """);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("public.customers").doesNotContain("public.events_2026");
    }

    @Test
    void objectOverrideLowersTheThresholdBelowWhatTheFactQueryWouldOtherwiseSkip() throws Exception {
        // The table query reads only tables with at least min_rows rows; with a lower bound for some
        // objects it must read down to the lowest one, or those objects are never judged.
        Run run = check("""
                name: override
                checks:
                  missing-analyze:
                    parameters:
                      min_rows: 1000000
                    objects:
                      - match: "public.events_*"
                        parameters:
                          min_rows: 10
                """);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("public.events_2026").doesNotContain("public.customers");
    }

    @Test
    void setOnTheCommandLineWinsOverAnObjectOverride() throws Exception {
        Run run = check("""
                name: override
                checks:
                  missing-analyze:
                    objects:
                      - match: "public.events_*"
                        parameters:
                          min_rows: 1000000
                """, "--set", "missing-analyze.min_rows=10");

        assertThat(run.out()).contains("public.customers", "public.events_2026");
    }

    @Test
    void liveWaiverSetsAFindingAsideExpiredOneSaysSoAndUnusedOneIsReported() throws Exception {
        Run run = check("""
                name: waivers
                checks:
                  missing-analyze: {}
                waivers:
                  - check: missing-analyze
                    object: "public.events_*"
                    reason: the loader analyzes it after each batch
                    expires: 2099-12-31
                    ticket: OPS-42
                  - check: missing-analyze
                    object: public.customers
                    reason: accepted last quarter
                    expires: 2020-01-31
                  - check: missing-analyze
                    object: public.gone
                    reason: the table was dropped
                    expires: 2099-12-31
                """);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("[waived] public.events_2026", "OPS-42")
                .contains("[warning] public.customers")
                .contains("expired on 2020-01-31 and no longer applies to public.customers")
                .contains("'public.gone'", "matched no finding");
    }

    @Test
    void waivingEveryFindingPassesTheCheck() throws Exception {
        Run run = check("""
                name: all-waived
                checks:
                  missing-analyze: {}
                waivers:
                  - check: missing-analyze
                    object: "public.*"
                    reason: a fresh schema, analyzed by the migration's last step
                    expires: 2099-12-31
                """);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("passed   missing-analyze", "[waived] public.customers");
    }

    @Test
    void suiteSeverityReplacesTheChecksOwn() throws Exception {
        Run run = check("""
                name: strict
                checks:
                  missing-analyze:
                    severity: critical
                """);

        assertThat(run.out()).contains("[critical] public.customers").doesNotContain("[warning]");
    }

    @Test
    void aWaiverWithoutReasonIsExitTwoNamingFileLineAndKey() throws Exception {
        Run run = check("""
                name: bad
                checks:
                  missing-analyze: {}
                waivers:
                  - check: missing-analyze
                    object: public.customers
                    expires: 2099-12-31
                """);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).matches("pgwarden: .*suite.yaml:5: key 'waivers\\[0]': waiver 'reason' is required.*");
    }

    @Test
    void anUnknownKnobInAnObjectOverrideIsExitTwoNamingItsLine() throws Exception {
        Run run = check("""
                name: bad
                checks:
                  missing-analyze:
                    objects:
                      - match: public.x
                        parameters:
                          min_rowz: 5
                """);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("suite.yaml:7: key 'checks.missing-analyze.objects[0].parameters.min_rowz'",
                "has no parameter 'min_rowz'");
    }
}
