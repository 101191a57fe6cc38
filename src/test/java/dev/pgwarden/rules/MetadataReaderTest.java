package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgwarden.results.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Check metadata problems are reported with file, line and key path. */
class MetadataReaderTest {

    private static final String VALID = """
            id: broken
            title: A check
            category: testing
            severity: warning
            description: Checks something.
            facts: [table_maintenance]
            parameters:
              min_rows:
                type: integer
                default: "1000"
                unit: rows
                meaning: ignore smaller tables
            findings:
              found:
                remediation: ANALYZE {object};
                rollback: nothing to undo
            """;

    @Test
    void validMetadataIsRead() throws Exception {
        CheckMetadata metadata = new MetadataReader().read(VALID, "rules/broken.yaml");

        assertThat(metadata.id()).isEqualTo("broken");
        assertThat(metadata.severity()).isEqualTo(Severity.WARNING);
        assertThat(metadata.parameters().get("min_rows").type()).isEqualTo(ParameterType.INTEGER);
        assertThat(metadata.parameters().get("min_rows").defaultValue()).isEqualTo("1000");
        assertThat(metadata.findings().get("found").remediation()).isEqualTo("ANALYZE {object};");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key          | 'category: testing'    | 'category: testing\nowner: me' | rules/broken.yaml:4: key 'owner': | unknown key (known: category, cis, custom_facts, description, facts, facts_from, facts_on_demand, findings, id, measures, parameters, references, severity, title)
            unknown nested key             | '    unit: rows'       | '    units: rows'      | rules/broken.yaml:11: key 'parameters.min_rows.units': | unknown key (known: default, meaning, type, unit)
            bad severity                   | 'severity: warning'    | 'severity: fatal'      | rules/broken.yaml:4: key 'severity': | 'fatal'
            bad parameter type             | '    type: integer'    | '    type: percent'    | rules/broken.yaml:9: key 'parameters.min_rows.type': | unknown parameter type 'percent' (known: integer, number, fraction, duration, size, boolean)
            unknown key in a finding       | '    rollback: nothing' | '    rolback: nothing' | rules/broken.yaml:16: key 'findings.found.rolback': | rolback
            """)
    void mistakeIsReportedWithFileLineAndKeyPath(String mistake, String valid, String broken, String where, String detail) {
        String yaml = VALID.replace(valid, broken.replace("\\n", "\n"));
        assertThat(yaml).as("test setup").isNotEqualTo(VALID);

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> new MetadataReader().read(yaml, "rules/broken.yaml"));

        assertThat(e.getMessage()).startsWith(where + " ").contains(detail).doesNotContain("\n");
    }

    @Test
    void aMeasureThresholdIsReadWithItsParameterComparisonAndSeverity() throws Exception {
        CheckMetadata metadata = new MetadataReader().read(VALID + MEASURE.formatted("min_rows", ">="), "rules/broken.yaml");

        MeasureThreshold threshold = metadata.measures().get("rows_max").thresholds().get(0);
        assertThat(threshold).isEqualTo(new MeasureThreshold("min_rows", ">=", Severity.CRITICAL));
        assertThat(threshold.crossedBy(1000, 1000)).isTrue();
        assertThat(metadata.measures().get("rows_max").baseline()).isEqualTo("n_live_tup");
    }

    @Test
    void aMeasureThresholdNamingNoParameterOrComparisonIsReportedWithTheKey() {
        RuleLoadException unknown = catchThrowableOfType(RuleLoadException.class,
                () -> new MetadataReader().read(VALID + MEASURE.formatted("max_rows", ">"), "rules/broken.yaml"));
        RuleLoadException comparison = catchThrowableOfType(RuleLoadException.class,
                () -> new MetadataReader().read(VALID + MEASURE.formatted("min_rows", "=>"), "rules/broken.yaml"));

        assertThat(unknown.getMessage()).contains("rules/broken.yaml").contains("'measures.rows_max.thresholds' names parameter 'max_rows'")
                .contains("known: min_rows");
        assertThat(comparison.getMessage()).contains("rules/broken.yaml:").contains("measures.rows_max.thresholds[0]")
                .contains("'comparison' must be >, >=, < or <=, got '=>'");
    }

    private static final String MEASURE = """
            measures:
              rows_max:
                fact: TableMaintenance
                field: nLiveTup
                thresholds:
                  - {parameter: %s, comparison: "%s", severity: critical}
                baseline: n_live_tup
            """;

    @Test
    void missingTitleIsReportedWithFileAndKey() {
        String yaml = VALID.replace("title: A check\n", "");

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> new MetadataReader().read(yaml, "rules/broken.yaml"));

        assertThat(e.getMessage()).isEqualTo("rules/broken.yaml:1: 'title' must not be blank");
    }

    @Test
    void misspelledRequiredKeyIsReportedAsTheMissingKey() {
        // Jackson builds the record before it looks at unknown keys, so the missing key is what is reported.
        String yaml = VALID.replace("title: A check", "titel: A check");

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> new MetadataReader().read(yaml, "rules/broken.yaml"));

        assertThat(e.getMessage()).isEqualTo("rules/broken.yaml:1: 'title' must not be blank");
    }

    @Test
    void missingParameterDefaultPointsAtTheParameter() {
        String yaml = VALID.replace("    default: \"1000\"\n", "");

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> new MetadataReader().read(yaml, "rules/broken.yaml"));

        assertThat(e.getMessage()).isEqualTo("rules/broken.yaml:8: key 'parameters.min_rows': parameter default must not be null");
    }

    @Test
    void metadataWithoutFindingsIsRejected() {
        String yaml = VALID.substring(0, VALID.indexOf("findings:"));

        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> new MetadataReader().read(yaml, "rules/broken.yaml"));

        assertThat(e.getMessage()).startsWith("rules/broken.yaml:").contains("'findings' must name at least one kind of finding");
    }

    @Test
    void yamlThatDoesNotParseIsReportedWithTheFile() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class,
                () -> new MetadataReader().read("id: [unclosed\ntitle: x\n", "rules/broken.yaml"));

        assertThat(e.getMessage()).startsWith("rules/broken.yaml").doesNotContain("\n");
    }
}
