package dev.pgwarden.suites;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' own rules (the shipped example of docs/writing-rules.md) and baselines, against a real server. */
class CustomRulesAndBaselineTest {

    static final Path EXAMPLE_RULES = Path.of("docs/examples/rules");
    static EmbeddedPostgres pg;
    @TempDir
    Path dir;

    @BeforeAll
    static void server() {
        pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
    }

    @Test
    void exampleRuleFailsForATableWithMoreIndexesThanAllowedAndSaysItWasCompiled() throws Exception {
        String db = createDatabase(pg, "custom");
        execute(pg, db, "CREATE TABLE public.orders (id int PRIMARY KEY, customer int, placed date, status text)",
                "CREATE INDEX ON public.orders (customer)", "CREATE INDEX ON public.orders (placed)",
                "CREATE INDEX ON public.orders (status)",
                "CREATE TABLE public.customers (id int PRIMARY KEY)");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--rules", EXAMPLE_RULES.toString(),
                "--check", "table-with-many-indexes", "--set", "table-with-many-indexes.max_indexes=3", "--format", "console");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("compiled docs/examples/rules/table-with-many-indexes.drl adds the check table-with-many-indexes");
        assertThat(run.out()).contains("[warning] public.orders", "4 indexes (more than 3)", "\\d public.orders")
                .doesNotContain("public.customers");
    }

    @Test
    void exampleRulePassesWhenNoTableHasMoreIndexesThanAllowed() throws Exception {
        String db = createDatabase(pg, "customok");
        execute(pg, db, "CREATE TABLE public.orders (id int PRIMARY KEY, customer int)", "CREATE INDEX ON public.orders (customer)");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--rules", EXAMPLE_RULES.toString(),
                "--check", "table-with-many-indexes", "--format", "console");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("passed   table-with-many-indexes");
    }

    @Test
    void aUserRuleWithABuiltInIdReplacesItAndTheOutputSaysSo() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("xid-age.yaml"), Files.readString(Path.of("rules/xid-age.yaml"))
                .replace("title: Transaction IDs are far from wraparound", "title: Our own wraparound rule"));
        Files.writeString(rules.resolve("xid-age.drl"), Files.readString(Path.of("rules/xid-age.drl")));
        String db = createDatabase(pg, "replace");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--rules", rules.toString(), "--check", "xid-age", "--format", "console");

        assertThat(run.err()).contains("xid-age.drl replaces the built-in check xid-age");
        assertThat(run.out()).contains("Our own wraparound rule");
    }

    @Test
    void validateReportsABrokenUserRuleWithFileAndLine() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(rules.resolve("broken.yaml"), Files.readString(EXAMPLE_RULES.resolve("table-with-many-indexes.yaml"))
                .replace("id: table-with-many-indexes", "id: broken"));
        Files.writeString(rules.resolve("broken.drl"), """
                package dev.pgwarden.rules;
                global dev.pgwarden.rules.FindingSink findings;
                rule "broken"
                when
                    $t : TableDefinition(
                then
                end
                """);

        CliRun run = CliRun.of("validate", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("pgwarden: " + rules.resolve("broken.drl") + ":7:").doesNotContain("\n");
    }

    @Test
    void baselineRegressionFailsWhenDeadTuplesGrowBeyondRegressionPctAndPassesWhenTheyDoNot() throws Exception {
        String db = createDatabase(pg, "baseline");
        execute(pg, db, "CREATE TABLE public.queue (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.queue SELECT generate_series(1, 5000)", "DELETE FROM public.queue");
        Polling.untilTableStatistics(pg, db, "public.queue", "n_dead_tup >= 5000");
        Path baseline = dir.resolve("before.json");
        assertThat(CliRun.of("baseline", "save", "--url", url(pg, db), "--out", baseline.toString()).exitCode()).isZero();

        CliRun unchanged = CliRun.of("check", "--url", url(pg, db), "--baseline", baseline.toString(),
                "--check", "baseline-regression", "--format", "console");
        execute(pg, db, "INSERT INTO public.queue SELECT generate_series(1, 5000)", "DELETE FROM public.queue");
        Polling.untilTableStatistics(pg, db, "public.queue", "n_dead_tup >= 10000");
        CliRun regressed = CliRun.of("check", "--url", url(pg, db), "--baseline", baseline.toString(),
                "--check", "baseline-regression", "--format", "console");

        assertThat(unchanged.exitCode()).as(unchanged.out()).isZero();
        assertThat(regressed.exitCode()).isEqualTo(1);
        assertThat(regressed.out()).contains("[warning] public.queue", "n_dead_tup rose from 5000 to 1.000e+04 (+100%, limit +20%)");
    }

    @Test
    void withoutABaselineTheRegressionCheckIsSkippedWithTheCommandThatMakesOne() throws Exception {
        String db = createDatabase(pg, "nobaseline");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--check", "baseline-regression", "--format", "console");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("skipped  baseline-regression", "pgwarden baseline save --out FILE");
    }
}
