package dev.pgwarden.report;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.cli.CommandLineRun;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report files of one real run with one failing and one passing check, read as a CI server would. */
class ReportFilesTest {

    private static EmbeddedPostgres postgres;
    private static CommandLineRun run;
    private static int port;

    @TempDir
    static Path reports;

    @BeforeAll
    static void runOnce() throws Exception {
        postgres = PostgresServers.start(17);
        port = postgres.getPort();
        String db = createDatabase(postgres, "reports");
        Problems.neverAnalyzedTable(postgres, db, "public.customers", 5000);
        String target = "postgresql://postgres:not-needed-Pa55@localhost:" + port + "/" + db;
        run = CommandLineRun.of("check", "--url", target, "--check", "missing-analyze", "--check", "connection-saturation",
                "--report-dir", reports.toString(), "--format", "console,json,junit");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void jsonReportDescribesTheRunWithoutPassword() throws Exception {
        JsonNode root = new ObjectMapper().readTree(reports.resolve("pgwarden.json").toFile());

        assertThat(root.path("target").asText()).startsWith("postgresql://postgres@localhost:" + port + "/reports_")
                .doesNotContain("Pa55");
        assertThat(Instant.parse(root.path("started_at").asText())).isBefore(Instant.now());
        assertThat(root.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(root.path("duration_ms").asLong()).isPositive();
        assertThat(root.has("target_error")).isFalse();
        JsonNode summary = root.path("summary");
        assertThat(summary.path("total").asInt()).isEqualTo(2);
        assertThat(summary.path("passed").asInt()).isEqualTo(1);
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("skipped").asInt()).isZero();
        assertThat(summary.path("error").asInt()).isZero();
    }

    @Test
    void jsonReportHasEveryCheckWithStatusParametersAndFindings() throws Exception {
        JsonNode checks = new ObjectMapper().readTree(reports.resolve("pgwarden.json").toFile()).path("checks");

        assertThat(checks).hasSize(2);
        JsonNode failed = check(checks, "missing-analyze");
        assertThat(failed.path("title").asText()).isEqualTo("Tables have current planner statistics");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("severity").asText()).isEqualTo("warning");
        assertThat(failed.path("reason").asText()).isEmpty();
        assertThat(failed.path("parameters").path("min_rows").asText()).isEqualTo("1000");
        assertThat(failed.path("parameters").path("over_trigger_factor").asText()).isEqualTo("2.0");
        assertThat(failed.path("findings")).hasSize(1);
        JsonNode finding = failed.path("findings").get(0);
        assertThat(finding.path("object").asText()).isEqualTo("public.customers");
        assertThat(finding.path("message").asText()).contains("5000 rows and never analyzed");
        assertThat(finding.path("remediation").asText()).startsWith("ANALYZE (VERBOSE) public.customers;\n");
        assertThat(finding.path("rollback").asText()).startsWith("No rollback is needed");
        assertThat(finding.path("evidence").path("kind").asText()).isEqualTo("never-analyzed");
        assertThat(finding.path("evidence").path("n_live_tup").asLong()).isEqualTo(5000);
        assertThat(finding.path("evidence").path("analyzed").asBoolean(true)).isFalse();

        JsonNode passed = check(checks, "connection-saturation");
        assertThat(passed.path("status").asText()).isEqualTo("passed");
        assertThat(passed.path("severity").asText()).isEqualTo("critical");
        assertThat(passed.path("parameters").path("max_used_fraction").asText()).isEqualTo("0.8");
        assertThat(passed.path("findings")).isEmpty();
    }

    @Test
    void junitXmlHasOneTestcasePerCheckAndOneFailureNamingTheObject() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("TEST-pgwarden.xml").toFile());
        Element suite = xml.getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(testcaseNames(xml)).containsExactlyInAnyOrder("missing-analyze", "connection-saturation");
        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("missing-analyze");
        assertThat(failure.getAttribute("message")).contains("public.customers", "never analyzed");
    }

    @Test
    void junitXmlPropertiesAreTheVersionTheTargetThePlatformTheSuiteAndTheParametersOnly() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(reports.resolve("TEST-pgwarden.xml").toFile());
        NodeList properties = xml.getElementsByTagName("property");
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            byName.put(property.getAttribute("name"), property.getAttribute("value"));
        }

        // Never the JVM's system properties: sun.java.command is the command line, --url and its password included.
        // The provenance is pgwarden's own allowlist too: hashes, the server's identity, the suite; no connection setting.
        assertThat(byName.keySet()).filteredOn(name -> name.startsWith("pgwarden.provenance."))
                .allMatch(name -> name.matches("pgwarden\\.provenance\\.(system_identifier|server_version|database|database_oid|server_clock"
                        + "|suite|suite_sha256|rules_sha256|sha256\\.rules/[a-z-]+\\.(drl|yaml))"));
        byName.keySet().removeIf(name -> name.startsWith("pgwarden.provenance."));
        assertThat(byName.keySet()).containsExactly("pgwarden.version", "pgwarden.commit", "pgwarden.target", "pgwarden.platform", "pgwarden.suite",
                "missing-analyze.min_rows", "missing-analyze.over_trigger_factor", "missing-analyze.naptimes", "connection-saturation.max_used_fraction");
        assertThat(byName.get("pgwarden.target")).startsWith("postgresql://postgres@localhost:" + port + "/reports_");
        assertThat(byName.get("pgwarden.platform")).isEqualTo("self-managed");
        assertThat(byName.get("pgwarden.suite")).isEqualTo("default");
        assertThat(byName.get("pgwarden.version")).isNotBlank();
        assertThat(byName.get("pgwarden.commit")).isNotBlank();
        assertThat(byName.get("missing-analyze.min_rows")).isEqualTo("1000");
        assertThat(xml.getDocumentElement().getAttribute("hostname")).isEmpty();
    }

    @Test
    void consoleReportListsEachCheckAndTheFindingWithRemediationAndRollback() {
        assertThat(run.out()).containsPattern("(?m)^FAILED +missing-analyze +Tables have current planner statistics$")
                .containsPattern("(?m)^passed +connection-saturation ")
                .contains("    [warning] public.customers", "      remediation:", "        ANALYZE (VERBOSE) public.customers;",
                        "      rollback:")
                .containsPattern("1 passed, 1 failed, 0 skipped, 0 errors; 1 finding \\(0 critical, 1 warning\\) in \\d+ ms");
    }

    private static JsonNode check(JsonNode checks, String id) {
        for (JsonNode check : checks) {
            if (check.path("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id + " in " + checks);
    }

    private static List<String> testcaseNames(Document xml) {
        NodeList cases = xml.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        return names;
    }
}
