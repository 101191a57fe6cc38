package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/** Compiled rules kept on disk: a fresh JVM loads them instead of compiling, and they judge as compiled ones do. */
class CompiledRuleCacheTest {

    private static final String DRL = """
            package dev.pgwarden.rules;

            global dev.pgwarden.rules.FindingSink findings;

            rule "named check"
            when
                $p : Parameters(check == "broken", $name : check)
            then
                findings.report("found", "public.orders", "reported by " + $name);
            end
            """;

    @TempDir
    Path directory;

    @Test
    void rulesLoadedFromTheCacheReportWhatTheCompiledRulesReport() throws Exception {
        CompiledRuleCache cache = new CompiledRuleCache(directory, "pgwarden-test.jar|1");
        CheckDefinition definition = RuleCompilerTest.definition(DRL + "// " + System.nanoTime());
        new RuleCompiler(Optional.of(cache)).compile(definition);
        assertThat(cache.file(definition)).exists();

        KieBase loaded = cache.load(definition).orElseThrow();
        List<RuleFinding> found = new CheckEvaluator().evaluate(new CompiledCheck(definition, loaded),
                new Parameters("broken", Map.of()), List.of()).findings();

        assertThat(found).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("reported by broken"));
    }

    @Test
    void otherRuleTextOrAnotherJarIsAnotherEntry() {
        CheckDefinition definition = RuleCompilerTest.definition(DRL);
        CheckDefinition changed = RuleCompilerTest.definition(DRL + "\n// changed");

        assertThat(new CompiledRuleCache(directory, "a").file(definition))
                .isNotEqualTo(new CompiledRuleCache(directory, "a").file(changed))
                .isNotEqualTo(new CompiledRuleCache(directory, "b").file(definition));
    }

    @Test
    void rulesFoundInTheCacheLoadInTheBackgroundAndJudgeAsCompiledOnes() throws Exception {
        CompiledRuleCache cache = new CompiledRuleCache(directory, "pgwarden-test.jar|2");
        CheckDefinition definition = RuleCompilerTest.definition(DRL + "// " + System.nanoTime());
        cache.store(definition, packagesOf(definition));

        CompiledCheck check = new RuleCompiler(Optional.of(cache)).compile(definition);

        assertThat(judge(check)).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("reported by broken"));
    }

    @Test
    void anEntryThatCannotBeReadIsCompiledInTheBackgroundInstead() throws Exception {
        CompiledRuleCache cache = new CompiledRuleCache(directory, "pgwarden-test.jar|3");
        CheckDefinition definition = RuleCompilerTest.definition(DRL + "// " + System.nanoTime());
        Files.writeString(cache.file(definition), "not a rule package");

        CompiledCheck check = new RuleCompiler(Optional.of(cache)).compile(definition);

        assertThat(judge(check)).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("reported by broken"));
    }

    private static List<RuleFinding> judge(CompiledCheck check) {
        return new CheckEvaluator().evaluate(check, new Parameters("broken", Map.of()), List.of()).findings();
    }

    private static java.util.Collection<org.kie.api.definition.KiePackage> packagesOf(CheckDefinition definition) {
        var builder = org.kie.internal.builder.KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(org.kie.internal.io.ResourceFactory.newByteArrayResource(definition.drl().getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), org.kie.api.io.ResourceType.DRL);
        assertThat(builder.hasErrors()).as(builder.getErrors().toString()).isFalse();
        return builder.getKnowledgePackages();
    }

    @Test
    void unreadableEntryIsCompiledAgain() throws Exception {
        CompiledRuleCache cache = new CompiledRuleCache(directory, "x");
        CheckDefinition definition = RuleCompilerTest.definition(DRL);
        Files.writeString(cache.file(definition), "not a rule package");

        assertThat(cache.load(definition)).isEmpty();
    }
}
