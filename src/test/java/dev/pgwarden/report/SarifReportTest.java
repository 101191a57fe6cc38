package dev.pgwarden.report;

import static dev.pgwarden.testing.ReportTarget.CRITICAL_CHECK;
import static dev.pgwarden.testing.ReportTarget.PASSING_CHECK;
import static dev.pgwarden.testing.ReportTarget.UNHEALTHY_TABLE;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pgwarden.testing.ReportTarget;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgwarden.sarif from a real run: valid SARIF 2.1.0, checks as rules, findings as located results. */
class SarifReportTest {

    private static JsonNode sarif;

    @BeforeAll
    static void run() throws Exception {
        sarif = new ObjectMapper().readTree(Files.readString(ReportTarget.get().allFormats().dir().resolve(SarifReport.FILE_NAME)));
    }

    @Test
    void sarifIsValidAgainstTheSarif210Schema() throws Exception {
        try (InputStream schemaText = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaText);
            Set<ValidationMessage> problems = schema.validate(sarif);
            assertThat(problems).isEmpty();
        }
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    }

    @Test
    void everyCheckIsARuleWithTheRemediationTemplatesAsHelp() {
        JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
        assertThat(ids(rules)).contains(WARNING_CHECK, CRITICAL_CHECK, PASSING_CHECK);
        JsonNode rule = find(rules, "id", WARNING_CHECK);
        assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("Tables have current planner statistics");
        assertThat(rule.at("/help/text").asText()).contains("never-analyzed:", "ANALYZE (VERBOSE) {object};", "Rollback:");
        assertThat(rule.path("helpUri").asText()).startsWith("https://www.postgresql.org/docs/");
        assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
        assertThat(find(rules, "id", CRITICAL_CHECK).at("/defaultConfiguration/level").asText()).isEqualTo("error");
    }

    @Test
    void aTableFindingIsAWarningAtALogicalLocationNamingDatabaseSchemaAndTable() {
        JsonNode result = find(sarif.at("/runs/0/results"), "ruleId", WARNING_CHECK);
        assertThat(result.path("level").asText()).isEqualTo("warning");
        assertThat(result.at("/message/text").asText()).startsWith(UNHEALTHY_TABLE + ": about 5000 rows and never analyzed");
        JsonNode logical = result.at("/locations/0/logicalLocations/0");
        assertThat(logical.path("fullyQualifiedName").asText()).matches("reports_\\d+\\.public\\.customers");
        assertThat(logical.path("name").asText()).isEqualTo("customers");
        assertThat(logical.path("kind").asText()).isEqualTo("table");
        assertThat(logical.at("/properties/schema").asText()).isEqualTo("public");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("rules/missing-analyze.drl");
        assertThat(result.at("/properties/remediation").asText()).startsWith("ANALYZE (VERBOSE) public.customers;\n");
        assertThat(result.at("/properties/evidence/n_live_tup").asLong()).isEqualTo(5000);
        assertThat(result.at("/partialFingerprints/primaryLocationLineHash").asText()).matches("[0-9a-f]{64}:1");
    }

    @Test
    void aCriticalFindingIsAnErrorAndAPassingCheckHasNoResult() {
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(find(results, "ruleId", CRITICAL_CHECK).path("level").asText()).isEqualTo("error");
        assertThat(find(results, "ruleId", CRITICAL_CHECK).at("/locations/0/logicalLocations/0/kind").asText()).isEqualTo("server");
        List<String> ruleIds = new ArrayList<>();
        results.forEach(r -> ruleIds.add(r.path("ruleId").asText()));
        assertThat(ruleIds).containsExactlyInAnyOrder(WARNING_CHECK, CRITICAL_CHECK);
        assertThat(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isTrue();
    }

    private static List<String> ids(JsonNode rules) {
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
