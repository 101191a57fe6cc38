package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgwarden.results.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DRL that does not compile is reported as {@code rules/<id>.drl:<line>: what is wrong}, with the line of
 * the mistake. Each case marks that line with the comment {@code // <- here}.
 */
class RuleCompilerTest {

    private static final String HEADER = """
            package dev.pgwarden.rules;

            import dev.pgwarden.facts.TableMaintenance;

            global dev.pgwarden.rules.FindingSink findings;

            """;

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("misspelled keyword", HEADER + """
                        rule "r"
                        whne // <- here
                            $p : Parameters()
                        then
                        end
                        """),
                Arguments.of("unclosed parenthesis, noticed at 'then'", HEADER + """
                        rule "r"
                        when
                            $p : Parameters(check == "x"
                        then // <- here
                        end
                        """),
                Arguments.of("unknown fact type", HEADER + """
                        rule "r"
                        when
                            $p : Parameters()
                            $t : NoSuchFact(size > 1) // <- here
                        then
                        end
                        """),
                Arguments.of("unknown field of a fact", HEADER + """
                        rule "r"
                        when
                            $p : Parameters()
                            $t : TableMaintenance(noSuchField > 1) // <- here
                        then
                        end
                        """),
                Arguments.of("unknown method in a constraint", HEADER + """
                        rule "r"
                        when
                            $p : Parameters()
                            $t : TableMaintenance(estimatedRows > $p.noSuchMethod("min_rows")) // <- here
                        then
                        end
                        """),
                Arguments.of("unbound variable in a constraint", HEADER + """
                        rule "r"
                        when
                            $p : Parameters()
                            $t : TableMaintenance(
                                analyzed,
                                estimatedRows > $q.longValue("min_rows")) // <- here
                        then
                        end
                        """),
                Arguments.of("import of a class that does not exist", """
                        package dev.pgwarden.rules;

                        import dev.pgwarden.facts.NoSuchFact; // <- here

                        global dev.pgwarden.rules.FindingSink findings;
                        """),
                Arguments.of("global of a type that does not exist", """
                        package dev.pgwarden.rules;

                        global dev.pgwarden.rules.NoSuchSink findings; // <- here
                        """),
                Arguments.of("two rules with one name", HEADER + """
                        rule "r"
                        when
                            $p : Parameters()
                        then
                        end

                        rule "r" // <- here
                        when
                            $p : Parameters()
                        then
                        end
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void compileErrorNamesFileAndLineOfTheMistake(String mistake, String drl) {
        int expectedLine = lineOf(drl, "// <- here");

        RuleLoadException e = compileFails(drl);

        assertThat(e.getMessage().lines().toList()).as(e.getMessage())
                .allSatisfy(line -> assertThat(line).matches("rules/broken\\.drl:\\d+: .+"))
                .first().asString().startsWith("rules/broken.drl:" + expectedLine + ": ");
    }

    @Test
    void consequenceThatIsNotJavaPointsAtItsRule() {
        // Drools reports consequence errors against the generated Java; the rule's own line is the best DRL line.
        String drl = HEADER + """
                rule "r"
                when
                    $p : Parameters()
                then
                    int rows = "many";
                end
                """;

        RuleLoadException e = compileFails(drl);

        assertThat(e.getMessage()).startsWith("rules/broken.drl:" + lineOf(drl, "rule \"r\"") + ": ")
                .contains("cannot convert from String to int");
    }

    @Test
    void ruleWithoutTheFindingsGlobalIsRejectedNamingTheFile() {
        RuleLoadException e = compileFails("""
                package dev.pgwarden.rules;

                rule "r"
                when
                    $p : Parameters()
                then
                end
                """);

        assertThat(e.getMessage()).isEqualTo("rules/broken.drl: declare 'global dev.pgwarden.rules.FindingSink findings;' to report findings");
    }

    @Test
    void factsOnDemandNeedTheGlobalAndTheGlobalNeedsFactsOnDemand() {
        String withGlobal = HEADER + """
                global dev.pgwarden.rules.FactsOnDemand onDemand;
                rule "r"
                when
                    $p : Parameters(check == "broken")
                    $s : dev.pgwarden.facts.ServerSetting(name == "max_connections") from onDemand.rows("server_settings")
                then
                    findings.report("found", $s, "set");
                end
                """;
        RuleLoadException unlisted = compileFails(withGlobal);
        assertThat(unlisted.getMessage()).isEqualTo("rules/broken.drl: global onDemand serves only the facts rules/broken.yaml"
                + " lists under facts_on_demand, and it lists none");

        CheckMetadata listed = withFactsOnDemand(definition("").metadata(), "server_settings");
        RuleLoadException undeclared = catchThrowableOfType(RuleLoadException.class, () -> new RuleCompiler().compile(
                new CheckDefinition(listed, HEADER + "rule \"r\" when $p : Parameters() then end\n", "rules/broken.drl", "rules/broken.yaml")));
        assertThat(undeclared.getMessage()).isEqualTo("rules/broken.drl: declare 'global dev.pgwarden.rules.FactsOnDemand onDemand;'"
                + " to read the facts rules/broken.yaml lists under facts_on_demand");
    }

    @Test
    void aRuleReadsFactsOnDemandOnlyWhenItGetsToThem() throws Exception {
        CheckMetadata listed = withFactsOnDemand(definition("").metadata(), "server_settings");
        CompiledCheck check = new RuleCompiler().compile(new CheckDefinition(listed, HEADER + """
                global dev.pgwarden.rules.FactsOnDemand onDemand;
                rule "r"
                when
                    $p : Parameters(check == "broken", longValue("gate") > 0)
                    $s : dev.pgwarden.facts.ServerSetting() from onDemand.rows("server_settings")
                then
                    findings.report("found", "public.orders", "read");
                end
                """, "rules/broken.drl", "rules/broken.yaml"));
        List<String> asked = new java.util.ArrayList<>();
        FactsOnDemand onDemand = kind -> {
            asked.add(kind);
            return List.of();
        };

        new CheckEvaluator().evaluate(check, new Parameters("broken", Map.of("gate", 0L)), List.of(), List.of(), onDemand);
        assertThat(asked).isEmpty();
        new CheckEvaluator().evaluate(check, new Parameters("broken", Map.of("gate", 1L)), List.of(), List.of(), onDemand);
        assertThat(asked).containsExactly("server_settings");
    }

    private static CheckMetadata withFactsOnDemand(CheckMetadata m, String kind) {
        return new CheckMetadata(m.id(), m.title(), m.category(), m.severity(), m.description(), List.of(kind), m.parameters(),
                m.findings(), m.references(), m.measures(), null, null, List.of(kind));
    }

    @Test
    void validRuleCompilesAndReportsThroughTheSink() throws Exception {
        CompiledCheck check = new RuleCompiler().compile(definition(HEADER + """
                rule "large table"
                when
                    $p : Parameters(check == "broken")
                then
                    findings.report("found", "public.orders", "too large");
                end
                """));

        List<RuleFinding> found = new CheckEvaluator().evaluate(check, new Parameters("broken", Map.of()), List.of()).findings();

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo("found");
            assertThat(f.subject()).isEqualTo("public.orders");
        });
    }

    private static RuleLoadException compileFails(String drl) {
        return catchThrowableOfType(RuleLoadException.class, () -> new RuleCompiler().compile(definition(drl)));
    }

    static CheckDefinition definition(String drl) {
        CheckMetadata metadata = new CheckMetadata("broken", "A broken check", "testing", Severity.WARNING, "Does not compile.",
                List.of(), Map.of(), Map.of("found", new FindingTemplate(null, "fix it", "undo it")), List.of(), Map.of());
        return new CheckDefinition(metadata, drl, "rules/broken.drl", "rules/broken.yaml");
    }

    static int lineOf(String text, String marker) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line with " + marker);
    }
}
