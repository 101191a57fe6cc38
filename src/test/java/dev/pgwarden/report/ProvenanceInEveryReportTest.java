package dev.pgwarden.report;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/**
 * Every report format says which cluster was judged under which rules: the server's system identifier (read as a
 * pg_monitor role), its version, the database and its OID, and the SHA-256 of the suite and of each rule file,
 * a user's rule directory included; editing one rule file changes its hash and nothing else's.
 */
class ProvenanceInEveryReportTest {

    private static EmbeddedPostgres postgres;
    private static String database;
    private static String monitorUrl;
    private static String systemIdentifier;
    private static String databaseOid;
    private static CliRun run;

    @TempDir
    static Path reports;
    @TempDir
    static Path rules;

    @BeforeAll
    static void runOnce() throws Exception {
        postgres = PostgresServers.shared(17);
        database = createDatabase(postgres, "provenance");
        Problems.neverAnalyzedTable(postgres, database, "never_analyzed", 2000);
        monitorUrl = MonitorRole.urlFor(postgres, database);
        systemIdentifier = String.valueOf(PostgresServers.queryValue(postgres, database, "SELECT system_identifier FROM pg_control_system()"));
        databaseOid = String.valueOf(PostgresServers.queryValue(postgres, database, "SELECT oid FROM pg_database WHERE datname = current_database()"));
        copyRule("missing-analyze");
        run = check(reports, "console,json,junit,allure,open-test-reporting,sarif,markdown,prometheus,nagios");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    }

    private static CliRun check(Path directory, String formats) {
        return CliRun.of("check", "--url", monitorUrl, "--check", "missing-analyze", "--rules", rules.toString(),
                "--report-dir", directory.toString(), "--format", formats);
    }

    private static void copyRule(String id) throws IOException {
        for (String extension : new String[] {".drl", ".yaml"}) {
            Files.copy(Path.of("rules", id + extension), rules.resolve(id + extension));
        }
    }

    @Test
    void jsonCarriesEveryField() throws Exception {
        JsonNode provenance = json(reports).path("provenance");
        assertThat(provenance.at("/server/system_identifier").asText()).isEqualTo(systemIdentifier);
        assertThat(provenance.at("/server/server_version").asText()).startsWith("17.");
        assertThat(provenance.at("/server/database").asText()).isEqualTo(database);
        assertThat(provenance.at("/server/database_oid").asText()).isEqualTo(databaseOid);
        assertThat(provenance.at("/server/server_clock").asText()).isNotBlank();
        assertThat(provenance.path("suite").asText()).isEqualTo("checks/default.yaml");
        assertThat(provenance.path("suite_sha256").asText()).isEqualTo(sha256(Path.of("checks/default.yaml")));
        assertThat(provenance.at("/files").get(rules + "/missing-analyze.drl").asText()).isEqualTo(sha256(rules.resolve("missing-analyze.drl")));
        assertThat(provenance.at("/files").get(rules + "/missing-analyze.yaml").asText()).isEqualTo(sha256(rules.resolve("missing-analyze.yaml")));
        assertThat(provenance.at("/parameters").fieldNames()).toIterable().anyMatch(name -> name.startsWith("missing-analyze."));
        assertThat(json(reports).path("platform").asText()).isEqualTo("self-managed");
    }

    @Test
    void editingOneRuleFileChangesItsHashAlone(@TempDir Path again) throws Exception {
        Path drl = rules.resolve("missing-analyze.drl");
        String before = json(reports).at("/provenance/files").get(drl.toString()).asText();
        String yamlBefore = json(reports).at("/provenance/files").get(rules + "/missing-analyze.yaml").asText();
        Files.writeString(drl, Files.readString(drl) + "\n// judged again after review\n");
        try {
            CliRun edited = check(again, "json");
            assertThat(edited.exitCode()).as(edited.err()).isEqualTo(1);
            JsonNode files = json(again).at("/provenance/files");
            assertThat(files.get(drl.toString()).asText()).isNotEqualTo(before).isEqualTo(sha256(drl));
            assertThat(files.get(rules + "/missing-analyze.yaml").asText()).isEqualTo(yamlBefore);
            assertThat(json(again).at("/provenance/rules_sha256").isMissingNode()).isTrue();
        } finally {
            Files.writeString(drl, Files.readString(Path.of("rules/missing-analyze.drl")));
        }
    }

    @Test
    void aRoleThatMayNotExecutePgControlSystemGetsTheRestAndTheReason(@TempDir Path plain) throws Exception {
        // Functions are a database's own: revoked here, pg_control_system() stays executable in the other databases.
        String revoked = createDatabase(postgres, "provenance_revoked");
        PostgresServers.execute(postgres, revoked, "REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC");
        String url = MonitorRole.urlFor(postgres, revoked);
        CliRun without = CliRun.of("check", "--url", url, "--check", "missing-analyze", "--report-dir", plain.toString(), "--format", "json");
        assertThat(without.exitCode()).as(without.err()).isIn(0, 1);
        JsonNode server = json(plain).at("/provenance/server");
        assertThat(server.path("system_identifier").isNull()).isTrue();
        assertThat(server.path("system_identifier_note").asText()).contains("may not execute pg_control_system()");
        assertThat(server.path("database").asText()).isEqualTo(revoked);
    }

    @Test
    void consoleAndNagios(@TempDir Path elsewhere) {
        assertThat(run.out()).contains("cluster " + systemIdentifier + ", PostgreSQL 17.", "database " + database + " (oid " + databaseOid + ")",
                "suite checks/default.yaml sha256 " + sha256(Path.of("checks/default.yaml")));
        CliRun nagios = check(elsewhere, "nagios");
        assertThat(nagios.out().lines().toList()).anyMatch(line -> line.startsWith("cluster " + systemIdentifier));
    }

    @Test
    void junitXmlAndAllureEnvironment() throws Exception {
        Path junit = reports.resolve(JunitXmlReport.FILE_NAME);
        assertThat(xpath(junit, "//properties/property[@name='pgwarden.provenance.system_identifier']/@value")).isEqualTo(systemIdentifier);
        assertThat(xpath(junit, "//properties/property[@name='pgwarden.provenance.sha256." + rules + "/missing-analyze.drl']/@value"))
                .isEqualTo(sha256(rules.resolve("missing-analyze.drl")));
        assertThat(reports.resolve(AllureReport.DIRECTORY).resolve("environment.properties")).content()
                .contains("pgwarden.provenance.system_identifier=" + systemIdentifier, "pgwarden.provenance.database_oid=" + databaseOid);
    }

    @Test
    void sarifMarkdownPrometheusAndOpenTestReporting() throws IOException {
        JsonNode sarif = new ObjectMapper().readTree(reports.resolve(SarifReport.FILE_NAME).toFile());
        assertThat(sarif.at("/runs/0/properties/provenance/server/system_identifier").asText()).isEqualTo(systemIdentifier);
        assertThat(reports.resolve(MarkdownReport.FILE_NAME)).content().contains("- system_identifier: `" + systemIdentifier + "`",
                "- suite_sha256: `" + sha256(Path.of("checks/default.yaml")) + "`");
        assertThat(reports.resolve(PrometheusReport.FILE_NAME)).content()
                .containsPattern("(?m)^pgwarden_provenance_info\\{target=\".*\",system_identifier=\"" + systemIdentifier + "\",.*} 1(\\.0)?$");
        try (Stream<Path> files = Files.walk(reports.resolve(OpenTestReport.DIRECTORY))) {
            Path xml = files.filter(f -> f.toString().endsWith(".xml")).findFirst().orElseThrow();
            assertThat(xml).content().contains("pgwarden.provenance", systemIdentifier);
        }
    }

    private static JsonNode json(Path directory) throws IOException {
        return new ObjectMapper().readTree(directory.resolve(JsonReport.FILE_NAME).toFile());
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xpath(Path file, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, new InputSource(file.toUri().toString()));
    }
}
