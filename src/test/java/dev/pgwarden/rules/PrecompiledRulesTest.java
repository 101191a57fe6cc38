package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build compiles every built-in check into executable-model classes (process-classes); nothing else is served from there. */
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
    void everyBuiltInCheckIsServedAsExecutableModelClassesTheBuildGenerated() throws Exception {
        for (CheckDefinition definition : RuleCatalog.builtIn().all()) {
            String modelClass;
            try (var in = getClass().getClassLoader().getResourceAsStream(PrecompiledRules.DIRECTORY + "/" + PrecompiledRules.name(definition))) {
                assertThat(in).as(definition.id()).isNotNull();
                modelClass = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            }
            assertThat(org.drools.model.Model.class.isAssignableFrom(Class.forName(modelClass))).as(modelClass).isTrue();
            assertThat(ExecutableModels.isGenerated(modelClass.substring("dev.pgwarden.rules.".length()) + ".class")).isTrue();
        }
        assertThat(ExecutableModels.isGenerated("RuleCompiler.class")).isFalse();
        assertThat(ExecutableModels.isGenerated("P3B/LambdaPredicate3BACCD153D0241195F2B7AE1774DBC3A.class")).isTrue();
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
