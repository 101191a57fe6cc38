package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.facts.ConnectionUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSpikeTest {
    @Test
    void spike() throws Exception {
        RuleCatalog catalog = RuleCatalog.builtIn();
        CompiledCheck check = new RuleCompiler().compile(catalog.find("connection-saturation").orElseThrow());
        ConnectionUsage u = new ConnectionUsage("s", 100, 3, 0, 97, 90, 90 / 97.0, 1, 2, 3, 0, "a=1", "b=2", "c=3", "0", "ALTER SYSTEM RESET x");
        var found = new CheckEvaluator().evaluate(check, new Parameters("connection-saturation", Map.of("max_used_fraction", 0.8)), List.of(u));
        assertThat(found).hasSize(1);
        System.out.println(new FindingRenderer().render(check.metadata(), found.get(0)));
    }
}
