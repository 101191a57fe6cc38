package dev.pgwarden.report;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.cli.CommandLineRun;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/** Every report format says which pgwarden judged: its version and the commit it was built from. */
class VersionInEveryReportTest {

    private static final PgwardenVersion PGWARDEN = PgwardenVersion.current();
    private static CommandLineRun run;

    @TempDir
    static Path reports;

    @BeforeAll
    static void runOnce() throws Exception {
        EmbeddedPostgres postgres = PostgresServers.shared(17);
        run = CommandLineRun.of("check", "--url", url(postgres, createDatabase(postgres, "version")), "--check", "missing-analyze",
                "--report-dir", reports.toString(),
                "--format", "console,json,junit,allure,open-test-reporting,sarif,markdown,prometheus,nagios");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theBuildRecordedACommit() {
        assertThat(PGWARDEN.commit()).isNotEqualTo(PgwardenVersion.UNKNOWN_COMMIT);
        assertThat(PGWARDEN.version()).isNotEqualTo("development");
    }

    @Test
    void consoleAndNagiosOutput() {
        assertThat(run.out()).containsPattern("(?m)^1 passed, .* in \\d+ ms \\(" + quoted(PGWARDEN.describe()) + "\\)$")
                .containsPattern("(?m)^PGWARDEN OK - .*\\R" + quoted(PGWARDEN.describe()) + "$");
    }

    @Test
    void json() throws IOException {
        JsonNode pgwarden = new ObjectMapper().readTree(reports.resolve(JsonReport.FILE_NAME).toFile()).path("pgwarden");
        assertThat(pgwarden.path("version").asText()).isEqualTo(PGWARDEN.version());
        assertThat(pgwarden.path("commit").asText()).isEqualTo(PGWARDEN.commit());
    }

    @Test
    void sarifDriver() throws IOException {
        JsonNode driver = new ObjectMapper().readTree(reports.resolve(SarifReport.FILE_NAME).toFile()).at("/runs/0/tool/driver");
        assertThat(driver.path("version").asText()).isEqualTo(PGWARDEN.version());
        assertThat(driver.at("/properties/commit").asText()).isEqualTo(PGWARDEN.commit());
    }

    @Test
    void markdown() throws IOException {
        assertThat(reports.resolve(MarkdownReport.FILE_NAME)).content().contains("judged by " + PGWARDEN.describe());
    }

    @Test
    void prometheusBuildInfo() throws IOException {
        assertThat(reports.resolve(PrometheusReport.FILE_NAME)).content().containsPattern("(?m)^pgwarden_build_info\\{target=\".*\",version=\""
                + quoted(PGWARDEN.version()) + "\",commit=\"" + quoted(PGWARDEN.commit()) + "\"} 1(\\.0)?$");
    }

    @Test
    void junitXmlProperties() throws Exception {
        assertThat(xpath(reports.resolve(JunitXmlReport.FILE_NAME), "//properties/property[@name='pgwarden.version']/@value"))
                .isEqualTo(PGWARDEN.version());
        assertThat(xpath(reports.resolve(JunitXmlReport.FILE_NAME), "//properties/property[@name='pgwarden.commit']/@value"))
                .isEqualTo(PGWARDEN.commit());
    }

    @Test
    void openTestReportingEntry() throws IOException {
        try (Stream<Path> files = Files.walk(reports.resolve(OpenTestReport.DIRECTORY))) {
            Path xml = files.filter(f -> f.toString().endsWith(".xml")).findFirst().orElseThrow();
            assertThat(xml).content().contains("pgwarden.version", PGWARDEN.describe());
        }
    }

    @Test
    void allureEnvironment() throws IOException {
        assertThat(reports.resolve(AllureReport.DIRECTORY).resolve("environment.properties")).content()
                .contains("pgwarden.version=" + PGWARDEN.version(), "pgwarden.commit=" + PGWARDEN.commit());
    }

    private static String xpath(Path file, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, new InputSource(file.toUri().toString()));
    }

    private static String quoted(String text) {
        return java.util.regex.Pattern.quote(text);
    }
}
