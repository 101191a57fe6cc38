package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.report.JsonReport;
import dev.pgwarden.report.JunitXmlReport;
import dev.pgwarden.report.MarkdownReport;
import dev.pgwarden.report.SarifReport;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/**
 * A database with ten known findings, checked as pg_monitor: {@code --previous} with {@code --fail-on-new} passes while
 * still listing the ten as known, and once an eleventh appears fails naming only it, in every report format. Then
 * {@code waive --from} the first run writes one waiver per object, under which the run passes, until a day after
 * the expiry (the date waivers are judged on given to the engine) when the ten fail again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreviousRunAndWaiversTest {

    private static final String[] CHECK = {"--check", "missing-analyze"};
    private static EmbeddedPostgres postgres;
    private static String database;
    private static String url;

    @TempDir
    static Path first;

    @BeforeAll
    static void tenKnownFindings() throws Exception {
        postgres = PostgresServers.shared(17);
        database = createDatabase(postgres, "previous");
        for (int i = 1; i <= 10; i++) {
            Problems.neverAnalyzedTable(postgres, database, "known_" + i, 1500);
        }
        url = MonitorRole.urlFor(postgres, database);
        CliRun run = check("--report-dir", first.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    }

    private static CliRun check(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "check";
        args[1] = "--url";
        args[2] = url;
        args[3] = "--check=missing-analyze";
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    @Test
    @Order(1)
    void withNothingNewItPassesWhileListingTheTenAsKnown() {
        CliRun run = check("--previous", first.toString(), "--fail-on-new");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().filter(line -> line.contains("[known] [warning] public.known_"))).hasSize(10);
        assertThat(run.out()).doesNotContain("[new]");
    }

    @Test
    @Order(2)
    void anEleventhFailsTheRunNamingOnlyItInEveryFormat(@TempDir Path reports) throws Exception {
        Problems.neverAnalyzedTable(postgres, database, "brand_new", 1500);
        CliRun run = check("--previous", first.toString(), "--fail-on-new", "--report-dir", reports.toString(),
                "--format", "console,json,junit,sarif,markdown");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out().lines().filter(line -> line.contains("[new]")).toList()).singleElement().asString()
                .contains("[new] [warning] public.brand_new");
        assertThat(run.out().lines().filter(line -> line.contains("[known]"))).hasSize(10);

        JsonNode findings = new ObjectMapper().readTree(reports.resolve(JsonReport.FILE_NAME).toFile()).at("/checks/0/findings");
        assertThat(StreamSupport.stream(findings.spliterator(), false).filter(f -> f.path("baseline_state").asText().equals("new"))
                .map(f -> f.path("object").asText()).toList()).containsExactly("public.brand_new");

        JsonNode sarif = new ObjectMapper().readTree(reports.resolve(SarifReport.FILE_NAME).toFile());
        try (InputStream schemaText = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaText);
            assertThat(schema.validate(sarif)).isEmpty();
        }
        List<String> states = StreamSupport.stream(sarif.at("/runs/0/results").spliterator(), false)
                .map(r -> r.path("baselineState").asText()).toList();
        assertThat(states).containsOnly("new", "unchanged").filteredOn("new"::equals).hasSize(1);

        assertThat(XPathFactory.newInstance().newXPath().evaluate(
                "//testcase[@name='missing-analyze']/properties/property[@name='pgwarden.baseline_state.public.brand_new']/@value",
                new InputSource(reports.resolve(JunitXmlReport.FILE_NAME).toUri().toString()))).isEqualTo("new");

        assertThat(reports.resolve(MarkdownReport.FILE_NAME)).content()
                .contains("**Since the previous run:** 1 new, 0 resolved, 10 still failing", "| findings | new |", "| 11 | 1 |",
                        "- _new_ **warning** `public.brand_new`", "- _known_ **warning** `public.known_1`");

        CliRun withoutGate = check("--previous", first.toString());
        assertThat(withoutGate.exitCode()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void waiversWrittenFromTheRunPassItUntilADayAfterTheirExpiry(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("waived.yaml");
        LocalDate expires = LocalDate.now().plusDays(30);
        CliRun waive = CliRun.of("waive", "--from", first.toString(), "--reason", "backlog before adopting pgwarden",
                "--expires", expires.toString(), "--owner", "dba-team", "--out", suite.toString());
        assertThat(waive.exitCode()).as(waive.err()).isZero();
        assertThat(waive.out()).contains("wrote 10 waiver(s)");
        assertThat(suite).content().doesNotContain("*").contains("object: public.known_1\n", "owner: dba-team", "expires: " + expires);

        RunSummary onTheDay = launch(suite, expires);
        assertThat(onTheDay.checks()).singleElement().satisfies(check -> {
            assertThat(check.waived()).hasSize(10);
            assertThat(check.findings()).extracting(f -> f.object()).containsExactly("public.brand_new");
        });
        RunSummary dayAfter = launch(suite, expires.plusDays(1));
        assertThat(dayAfter.checks().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(dayAfter.checks().get(0).findings()).hasSize(11);
        assertThat(dayAfter.checks().get(0).notes()).anyMatch(note -> note.contains("expired on " + expires));

        PostgresServers.execute(postgres, database, "ANALYZE brand_new");
        CliRun passes = check("--suite", suite.toString());
        assertThat(passes.exitCode()).as(passes.out()).isZero();
        assertThat(passes.out()).contains("[waived] public.known_10", "owner dba-team");
    }

    private static RunSummary launch(Path suite, LocalDate today) {
        return new CheckLauncher().run(database, Map.of(Constants.URL, url, Constants.SUITE, suite.toString(),
                Constants.TODAY, today.toString()), List.of());
    }

    @Test
    @Order(4)
    void failOnNewWithoutPreviousAndAnExpiredDateAreUsageErrors() throws Exception {
        CliRun noPrevious = check("--fail-on-new");
        assertThat(noPrevious.exitCode()).isEqualTo(2);
        assertThat(noPrevious.err()).contains("--fail-on-new", "--previous DIR");
        CliRun past = CliRun.of("waive", "--from", first.toString(), "--reason", "r", "--expires", "2020-01-01");
        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.err()).contains("--expires 2020-01-01: the date has passed");
        assertThat(Files.exists(first.resolve(JsonReport.FILE_NAME))).isTrue();
    }
}
