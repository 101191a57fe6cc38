package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.facts.FactKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a rule needs among the facts before it can fire, read from its DRL. */
class RuleRequirementsTest {

    private static final String DRL = """
            package dev.pgwarden.rules;

            import dev.pgwarden.facts.TableMaintenance;
            import dev.pgwarden.facts.AutovacuumLauncher;
            import dev.pgwarden.facts.ServerSetting;

            global dev.pgwarden.rules.FindingSink findings;
            global dev.pgwarden.rules.FactsOnDemand onDemand;

            rule "a table and the launcher"
            when
                $p : Parameters(check == "x")
                $t : TableMaintenance(nDeadTup > 0)
                $w : AutovacuumLauncher()
                $s : ServerSetting(name == "jit") from onDemand.rows("server_settings")
            then
                findings.report("found", $t, "m");
            end

            rule "no launcher at all"
            when
                $p : Parameters(check == "x")
                not AutovacuumLauncher()
            then
                findings.skip("no launcher");
            end

            rule "either"
            when
                $p : Parameters(check == "x")
                exists TableMaintenance()
                (AutovacuumLauncher() or ServerSetting())
            then
                findings.skip("either");
            end
            """;

    @Test
    void aRuleNeedsItsPositivePatternsNotWhatItNegatesOrReadsFromAnExpression() {
        RuleRequirements needs = RuleRequirements.of(DRL).orElseThrow();

        assertThat(needs.perRule()).containsExactly(
                Set.of("dev.pgwarden.rules.Parameters", "dev.pgwarden.facts.TableMaintenance", "dev.pgwarden.facts.AutovacuumLauncher"),
                Set.of("dev.pgwarden.rules.Parameters"),
                Set.of("dev.pgwarden.rules.Parameters", "dev.pgwarden.facts.TableMaintenance"));
        assertThat(RuleRequirements.parse(needs.text()).perRule()).isEqualTo(needs.perRule());
    }

    @Test
    void aRuleThatNeedsNothingButItsParametersCanAlwaysFire() {
        RuleRequirements needs = RuleRequirements.of(DRL).orElseThrow();
        assertThat(needs.canFire(List.of())).isTrue(); // "no launcher at all"

        RuleRequirements tablesOnly = RuleRequirements.parse("dev.pgwarden.rules.Parameters,dev.pgwarden.facts.TableMaintenance\n");
        assertThat(tablesOnly.canFire(List.of())).isFalse();
        assertThat(tablesOnly.canFire(List.of(new Object()))).isFalse();
    }

    @Test
    void rulesThatInsertFactsOrDeclareTypesAreNotAnalysed() {
        assertThat(RuleRequirements.of(DRL.replace("findings.skip(\"either\");", "insert(new Object());"))).isEmpty();
        assertThat(RuleRequirements.of("package dev.pgwarden.rules;\ndeclare Seen\n  name : String\nend\n")).isEmpty();
        assertThat(RuleRequirements.of("rule broken when then")).isEmpty();
    }

    @Test
    void theBuiltInChecksAreAnalysedWhenTheJarIsBuilt() throws Exception {
        RuleCatalog catalog = RuleCatalog.builtIn();
        CheckDefinition staleness = catalog.find("autovacuum-staleness").orElseThrow();
        RuleRequirements built = PrecompiledRules.requirements(staleness).orElseThrow();
        assertThat(built.perRule()).isEqualTo(RuleRequirements.of(staleness.drl()).orElseThrow().perRule())
                .allMatch(needs -> needs.contains(FactKind.named("table_maintenance").orElseThrow().recordType().getName()));
        // No table to judge: nothing autovacuum-staleness could report, whatever the launcher says.
        assertThat(new RuleCompiler().compile(staleness).canFire(List.of(new Parameters("autovacuum-staleness", Map.of())))).isFalse();
        // xid-age's database rules need only the databases' ages, which every server has.
        assertThat(PrecompiledRules.requirements(catalog.find("xid-age").orElseThrow()).orElseThrow().perRule())
                .contains(Set.of("dev.pgwarden.rules.Parameters", "dev.pgwarden.facts.DatabaseAge"));
    }
}
