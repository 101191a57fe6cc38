package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgwarden.facts.ColumnType;
import dev.pgwarden.facts.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rules directory's own facts as the loader sees them, without a database: declarations read from YAML and
 * from a postgres_exporter file, and every mistake a rule can make about them reported with file and line
 * before anything runs. Compiled, such a check goes through the compiled-rule cache like any other.
 */
class CustomFactRulesTest {

    static final Path EXAMPLE = Path.of("docs/examples/business-rules");
    static final String ID = "orders-stuck-pending";

    @TempDir
    Path dir;

    private Path copyOfExample() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (String ext : List.of(".drl", ".yaml")) {
            Files.copy(EXAMPLE.resolve(ID + ext), rules.resolve(ID + ext));
        }
        return rules;
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private RuleLoadException loadFails(Path rules) {
        return (RuleLoadException) org.assertj.core.api.Assertions.catchThrowable(() -> RuleCatalog.fromDirectory(rules, rules.toString()));
    }

    @Test
    void theExampleDeclaresItsFactWithTypedColumnsAndWhereItCameFrom() throws Exception {
        CheckDefinition check = RuleCatalog.fromDirectory(EXAMPLE, "docs/examples/business-rules").find(ID).orElseThrow();

        var fact = check.metadata().customFacts().get("stuck_orders");
        assertThat(fact.columns()).containsEntry("order_id", ColumnType.BIGINT).containsEntry("state", ColumnType.TEXT)
                .containsEntry("pending_s", ColumnType.DOUBLE).containsEntry("state_since", ColumnType.TIMESTAMPTZ);
        assertThat(fact.object()).containsExactly("order_ref");
        assertThat(fact.origin().column("state"))
                .isEqualTo("docs/examples/business-rules/orders-stuck-pending.yaml: key 'custom_facts.stuck_orders.columns.state'");
    }

    @Test
    void anUnknownColumnTypeNamesFileLineAndKey() throws Exception {
        Path rules = copyOfExample();
        replace(rules.resolve(ID + ".yaml"), "      state: text", "      state: varchar");

        assertThat(loadFails(rules)).hasMessageStartingWith(rules.resolve(ID + ".yaml") + ":23: key 'custom_facts.stuck_orders.columns.state'")
                .hasMessageContaining("unknown column type 'varchar' (known: text, bigint, integer, double, boolean, timestamptz)");
    }

    @Test
    void aRuleMatchingAnUndeclaredFactNamesTheDrlLine() throws Exception {
        Path rules = copyOfExample();
        replace(rules.resolve(ID + ".drl"), "Row(fact == \"stuck_orders\"", "Row(fact == \"stuck_order\"");

        assertThat(loadFails(rules)).hasMessage(rules.resolve(ID + ".drl") + ":11: Row(fact == \"stuck_order\") names a fact that "
                + rules.resolve(ID + ".yaml") + " does not declare under custom_facts or facts_from (declared: stuck_orders)");
    }

    @Test
    void aRowPatternWithoutItsFactNameIsAnError() throws Exception {
        Path rules = copyOfExample();
        replace(rules.resolve(ID + ".drl"), "Row(fact == \"stuck_orders\", ", "Row(");

        assertThat(loadFails(rules)).hasMessageStartingWith(rules.resolve(ID + ".drl") + ":11: a Row pattern must say which fact it matches");
    }

    @Test
    void aRuleReadingAnUndeclaredColumnNamesTheDrlLine() throws Exception {
        Path rules = copyOfExample();
        replace(rules.resolve(ID + ".drl"), "text(\"state\")", "text(\"status\")");

        assertThat(loadFails(rules)).hasMessage(rules.resolve(ID + ".drl") + ":11: text(\"status\"): fact stuck_orders declares no column"
                + " 'status' (declared: order_ref, order_id, state, state_since, pending_s)");
    }

    @Test
    void aRuleReadingAColumnAsAnotherTypeNamesTheAccessorToUseEvenInTheConsequence() throws Exception {
        Path rules = copyOfExample();
        replace(rules.resolve(ID + ".drl"), "$o.longValue(\"order_id\")", "$o.longValue(\"pending_s\")");

        assertThat(loadFails(rules)).hasMessage(rules.resolve(ID + ".drl") + ":15: longValue(\"pending_s\"): column stuck_orders.pending_s"
                + " is declared double, read it with doubleValue(\"pending_s\")");
    }

    @Test
    void aPostgresExporterQueriesFileGivesFactsWithLabelsAsTextAndGaugesAsDouble() throws Exception {
        Path rules = exporterCheck("""
                orders_by_state:
                  query: "SELECT state, count(*) AS orders FROM public.orders GROUP BY state"
                  master: true
                  metrics:
                    - state: {usage: "LABEL", description: "order state"}
                    - orders: {usage: "GAUGE", description: "orders in the state"}
                    - ignored: {usage: "DISCARD"}
                other:
                  query: "SELECT 1 AS one"
                  metrics:
                    - one: {usage: "COUNTER", description: "one"}
                """, "[orders_by_state]");

        CheckDefinition check = RuleCatalog.fromDirectory(rules, rules.toString()).find("backlog").orElseThrow();

        assertThat(check.metadata().customFacts()).containsOnlyKeys("orders_by_state");
        assertThat(check.metadata().customFacts().get("orders_by_state").columns())
                .containsExactlyEntriesOf(new LinkedHashMap<>(Map.of("state", ColumnType.TEXT)) {{ put("orders", ColumnType.DOUBLE); }});
    }

    @Test
    void anExporterMetricUsagePgwardenCannotReadNamesTheQueriesFileAndKey() throws Exception {
        Path rules = exporterCheck("""
                orders_by_state:
                  query: "SELECT state, count(*) AS orders FROM public.orders GROUP BY state"
                  metrics:
                    - state: {usage: "LABEL"}
                    - orders: {usage: "HISTOGRAM"}
                """, "[orders_by_state]");

        assertThat(loadFails(rules)).hasMessageStartingWith(rules + "/queries.yaml: key 'orders_by_state.metrics[1].orders.usage' is 'HISTOGRAM'");
    }

    @Test
    void aQueryTheExporterFileLacksNamesTheCheckFileAndKey() throws Exception {
        Path rules = exporterCheck("""
                orders_by_state:
                  query: "SELECT state, count(*) AS orders FROM public.orders GROUP BY state"
                  metrics:
                    - state: {usage: "LABEL"}
                """, "[orders_by_state, orders_by_day]");

        assertThat(loadFails(rules)).hasMessageStartingWith(rules.resolve("backlog.yaml") + ": key 'facts_from.queries[1]': "
                + rules + "/queries.yaml has no query 'orders_by_day' (it has: orders_by_state)");
    }

    private Path exporterCheck(String queries, String selected) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("exporter"));
        Files.writeString(rules.resolve("queries.yaml"), queries);
        Files.writeString(rules.resolve("backlog.yaml"), """
                id: backlog
                title: Few orders wait
                category: business
                severity: warning
                description: Fails when more orders than max_waiting are pending.
                facts_from: {file: queries.yaml, queries: %s}
                parameters:
                  max_waiting: {type: integer, default: "100", unit: orders, meaning: fail above this}
                findings:
                  backlog: {remediation: "Look at {object}.", rollback: "Nothing to undo."}
                """.formatted(selected));
        Files.writeString(rules.resolve("backlog.drl"), """
                package dev.pgwarden.rules;
                import dev.pgwarden.facts.Row;
                global dev.pgwarden.rules.FindingSink findings;
                rule "backlog"
                when
                    $p : Parameters(check == "backlog")
                    $r : Row(fact == "orders_by_state", text("state") == "pending", doubleValue("orders") > $p.doubleValue("max_waiting"))
                then
                    findings.report("backlog", $r, "too many pending");
                end
                """);
        return rules;
    }

    @Test
    void aCompiledCustomFactCheckIsStoredInTheRuleCacheAndJudgesRowsWhenLoadedFromIt() throws Exception {
        CompiledRuleCache cache = new CompiledRuleCache(dir.resolve("cache"), "pgwarden-test.jar|" + System.nanoTime());
        CheckDefinition example = RuleCatalog.fromDirectory(EXAMPLE, "docs/examples/business-rules").find(ID).orElseThrow();
        // Text of its own, so that no rules this JVM compiled before serve it.
        CheckDefinition definition = new CheckDefinition(example.metadata(), example.drl() + "// " + System.nanoTime(),
                example.drlSource(), example.metadataSource());
        new RuleCompiler(Optional.of(cache)).compile(definition);
        assertThat(cache.file(definition)).exists();

        Row stuck = row(1, 3 * 3600.0);
        Row inFlight = row(2, 300.0);
        var found = new CheckEvaluator().evaluate(new CompiledCheck(definition, cache.load(definition).orElseThrow()),
                new Parameters(ID, Map.of("max_pending", 3_600_000_000L)), List.of(stuck, inFlight)).findings();

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(FindingRenderer.objectName(f.subject())).isEqualTo("orders/1");
            assertThat(f.message()).isEqualTo("order 1 has been pending for 3.0 h (limit 1.0 h)");
        });
    }

    private static Row row(long id, double pendingSeconds) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("order_ref", "orders/" + id);
        values.put("order_id", id);
        values.put("state", "pending");
        values.put("state_since", java.time.Instant.parse("2026-01-01T00:00:00Z"));
        values.put("pending_s", pendingSeconds);
        return new Row("stuck_orders", List.of("order_ref"), values);
    }

    @Test
    void rowAccessorsRefuseNullNumbersWithWhatToDo() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("n", null);
        Row row = new Row("f", List.of(), values);

        assertThat(row.isNull("n")).isTrue();
        assertThat(row.objectName()).isEqualTo("f");
        assertThatThrownBy(() -> row.longValue("n")).hasMessage("f.n is NULL: test isNull(\"n\") first, or COALESCE it in the query");
    }
}
