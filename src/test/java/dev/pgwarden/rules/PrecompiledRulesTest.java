package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build compiles every built-in check into the classes (process-classes); nothing else is served from there. */
class PrecompiledRulesTest {

    @Test
    void everyBuiltInCheckComesPrecompiledWithItsSinkGlobal() throws Exception {
        for (CheckDefinition definition : RuleCatalog.builtIn().all()) {
            assertThat(PrecompiledRules.find(definition)).as(definition.id()).hasValueSatisfying(base ->
                    assertThat(base.getKiePackages()).flatExtracting(p -> p.getGlobalVariables())
                            .anySatisfy(global -> assertThat(global.getName()).isEqualTo(RuleCompiler.SINK_GLOBAL)));
        }
    }

    @Test
    void aChangedRuleTextOrAnotherFileOfTheSameIdIsNotServed() throws Exception {
        CheckDefinition builtIn = RuleCatalog.builtIn().find("xid-age").orElseThrow();
        CheckDefinition edited = new CheckDefinition(builtIn.metadata(), builtIn.drl() + "\n// edited", builtIn.drlSource(),
                builtIn.metadataSource());
        CheckDefinition replaced = new CheckDefinition(builtIn.metadata(), builtIn.drl(), "my-rules/xid-age.drl",
                "my-rules/xid-age.yaml");

        assertThat(PrecompiledRules.find(edited)).isEmpty();
        assertThat(PrecompiledRules.find(replaced)).isEmpty();
    }
}
