package dev.pgwarden.report;

import static dev.pgwarden.testing.ReportTarget.CRITICAL_CHECK;
import static dev.pgwarden.testing.ReportTarget.PASSING_CHECK;
import static dev.pgwarden.testing.ReportTarget.UNHEALTHY_TABLE;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.testing.ReportTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Allure results a real run leaves in DIR/allure-results, read as Allure reads them. */
class AllureReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path results;
    private static final Map<String, JsonNode> BY_STORY = new HashMap<>();

    @BeforeAll
    static void run() throws IOException {
        results = ReportTarget.get().allFormats().dir().resolve(AllureReport.DIRECTORY);
        try (Stream<Path> files = Files.list(results)) {
            files.filter(f -> f.getFileName().toString().endsWith("-result.json")).map(AllureReportTest::read)
                    .forEach(r -> BY_STORY.put(label(r, "story"), r));
        }
    }

    @Test
    void eachCheckIsAResultLabelledWithTargetCategoryCheckAndSeverity() {
        assertThat(BY_STORY).containsKeys(WARNING_CHECK, CRITICAL_CHECK, PASSING_CHECK);
        JsonNode failed = BY_STORY.get(WARNING_CHECK);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(label(failed, "parentSuite")).startsWith("postgresql://postgres@localhost:").contains("/reports_");
        assertThat(label(failed, "feature")).isEqualTo("maintenance");
        assertThat(label(failed, "severity")).isEqualTo("normal");
        assertThat(label(BY_STORY.get(CRITICAL_CHECK), "severity")).isEqualTo("critical");
        assertThat(BY_STORY.get(PASSING_CHECK).path("status").asText()).isEqualTo("passed");
        assertThat(failed.at("/statusDetails/message").asText()).contains(UNHEALTHY_TABLE);
    }

    @Test
    void environmentFileHoldsTheSamePropertiesAsTheJunitXml() throws IOException {
        java.util.Properties environment = new java.util.Properties();
        try (var in = Files.newInputStream(results.resolve(AllureReport.ENVIRONMENT_FILE))) {
            environment.load(in);
        }

        assertThat(environment.getProperty("pgwarden.target")).startsWith("postgresql://postgres@localhost:").contains("/reports_");
        assertThat(environment.getProperty("pgwarden.suite")).isEqualTo("default");
        assertThat(environment.getProperty(PASSING_CHECK + ".warn_age")).isEqualTo("500000000");
        assertThat(environment.stringPropertyNames()).noneMatch(name -> name.startsWith("java.") || name.startsWith("sun.") || name.startsWith("user."));
    }

    @Test
    void aResultLinksToItsReferencesAndCarriesTheDescription() {
        JsonNode failed = BY_STORY.get(WARNING_CHECK);
        assertThat(failed.path("links").findValuesAsText("url"))
                .contains("https://www.postgresql.org/docs/current/sql-analyze.html");
        assertThat(failed.path("description").asText()).startsWith("Finds tables of at least min_rows rows");
        assertThat(BY_STORY.get(PASSING_CHECK).path("parameters").findValuesAsText("name")).contains("warn_age", "xid_age_max");
    }

    @Test
    void aFailedResultAttachesFindingsEvidenceAndTheSql() throws IOException {
        Map<String, String> attachments = attachments(BY_STORY.get(WARNING_CHECK));
        assertThat(attachments).containsOnlyKeys("findings", "evidence", "SQL table_maintenance", "SQL autovacuum_launcher");
        JsonNode findings = JSON.readTree(attachments.get("findings"));
        assertThat(findings.get(0).path("object").asText()).isEqualTo(UNHEALTHY_TABLE);
        assertThat(findings.get(0).path("remediation").asText()).startsWith("ANALYZE (VERBOSE) public.customers;\n");
        JsonNode evidence = JSON.readTree(attachments.get("evidence"));
        assertThat(evidence.get(0).at("/evidence/n_live_tup").asLong()).isEqualTo(5000);
        assertThat(attachments.get("SQL table_maintenance")).startsWith("-- sql/table_maintenance").contains("FROM pg_class");
    }

    @Test
    void aPassingResultStillShowsTheSqlThatGatheredItsFacts() throws IOException {
        // xid_horizon is read only for a database past a bound (facts_on_demand): a healthy one never ran it
        assertThat(attachments(BY_STORY.get(PASSING_CHECK)))
                .containsOnlyKeys("SQL database_age", "SQL table_xid_age");
    }

    private static Map<String, String> attachments(JsonNode result) throws IOException {
        Map<String, String> byName = new HashMap<>();
        for (JsonNode attachment : result.path("attachments")) {
            byName.put(attachment.path("name").asText(), Files.readString(results.resolve(attachment.path("source").asText())));
        }
        return byName;
    }

    private static String label(JsonNode result, String name) {
        for (JsonNode label : result.path("labels")) {
            if (label.path("name").asText().equals(name)) {
                return label.path("value").asText();
            }
        }
        return "";
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aQueryLatencyFindingCarriesItsHistogramAsATextAttachment() throws IOException {
        Path traced = ReportTarget.get().traced().dir().resolve(AllureReport.DIRECTORY);
        JsonNode result;
        try (Stream<Path> files = Files.list(traced)) {
            result = files.filter(f -> f.getFileName().toString().endsWith("-result.json")).map(AllureReportTest::read)
                    .filter(r -> label(r, "story").equals("query-latency")).findFirst().orElseThrow();
        }
        assertThat(result.path("status").asText()).isEqualTo("failed");
        JsonNode chart = null;
        for (JsonNode attachment : result.path("attachments")) {
            if (attachment.path("name").asText().equals("latency histogram of postgres")) {
                chart = attachment;
            }
        }
        assertThat(chart).as(result.path("attachments").toString()).isNotNull();
        assertThat(chart.path("type").asText()).isEqualTo("text/plain");
        assertThat(Files.readString(traced.resolve(chart.path("source").asText()))).contains("32.8 ms–65.5 ms │█");
    }
}
