package dev.pgwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.rules.CheckSelector;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.RuleCompiler;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.rules.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one query serving several checks is bound to: the least strict bound of all of them. */
class FactBindingsTest {

    @TempDir
    Path dir;

    private List<SelectedCheck> select(String suiteYaml) throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, suiteYaml);
        return new CheckSelector(RuleCatalog.builtIn(), new RuleCompiler())
                .select(new SuiteLoader().load(suite.toString()), List.of(), Map.of());
    }

    private static Map<String, Number> bound(List<SelectedCheck> checks, String kind, String... parameters) {
        return new FactBindings(checks).of(kind, Arrays.asList(parameters));
    }

    private static Map<String, Number> map(Object... pairs) {
        Map<String, Number> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Number) pairs[i + 1]);
        }
        return map;
    }

    @Test
    void twoChecksSharingAFactEachBindTheirOwnBoundAndNeitherDropsTheOthers() throws Exception {
        List<SelectedCheck> checks = select("""
                name: both
                checks:
                  autovacuum-staleness: {parameters: {min_dead_tuples: 500}}
                  missing-analyze: {parameters: {min_rows: 700}}
                """);

        assertThat(bound(checks, "table_maintenance", "min_dead_tuples", "min_rows"))
                .isEqualTo(map("min_dead_tuples", 500L, "min_rows", 700L));
    }

    @Test
    void aBoundNoCheckDeclaresIsNull() throws Exception {
        List<SelectedCheck> checks = select("""
                name: one
                checks:
                  missing-analyze: {parameters: {min_rows: 700}}
                """);

        assertThat(bound(checks, "table_maintenance", "min_dead_tuples", "min_rows"))
                .isEqualTo(map("min_dead_tuples", null, "min_rows", 700L));
    }

    @Test
    void theSmallestObjectOverrideIsTheBound() throws Exception {
        List<SelectedCheck> checks = select("""
                name: overrides
                checks:
                  seq-scan-large-table:
                    parameters: {min_size: 1GB}
                    objects:
                      - match: "public.small_*"
                        parameters: {min_size: 8kB}
                      - match: "public.huge_*"
                        parameters: {min_size: 1TB}
                """);

        assertThat(bound(checks, "table_scans", "min_size")).isEqualTo(map("min_size", 8192L));
    }

    @Test
    void aCheckThatNeedsTheFactButDeclaresNoneOfItsBoundsGetsEveryRow() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("every-table.yaml"), """
                id: every-table
                title: A user's check over every table
                category: design
                description: every table
                severity: warning
                facts: [table_maintenance]
                findings:
                  seen: {remediation: none, rollback: none}
                """);
        Files.writeString(rules.resolve("every-table.drl"), """
                package dev.pgwarden.rules;
                import dev.pgwarden.facts.TableMaintenance;
                global dev.pgwarden.rules.FindingSink findings;
                rule "seen"
                when
                    $t : TableMaintenance()
                then
                    findings.report("seen", $t, "seen");
                end
                """);
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                name: mixed
                checks:
                  missing-analyze: {parameters: {min_rows: 700}}
                  every-table: {}
                """);
        List<SelectedCheck> checks = new CheckSelector(RuleCatalog.builtIn().overlay(rules).catalog(), new RuleCompiler())
                .select(new SuiteLoader().load(suite.toString()), List.of(), Map.of());

        assertThat(bound(checks, "table_maintenance", "min_dead_tuples", "min_rows"))
                .isEqualTo(map("min_dead_tuples", null, "min_rows", null));
    }

    @Test
    void aFactNoSelectedCheckNeedsIsUnbounded() throws Exception {
        List<SelectedCheck> checks = select("""
                name: one
                checks:
                  missing-analyze: {parameters: {min_rows: 700}}
                """);

        assertThat(bound(checks, "table_scans", "min_size")).isEqualTo(map("min_size", null));
    }
}
