package dev.pgwarden.engine;

import dev.pgwarden.facts.FactKind;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Outcome;
import dev.pgwarden.rules.CheckEvaluator;
import dev.pgwarden.rules.FindingRenderer;
import dev.pgwarden.rules.RuleFinding;
import dev.pgwarden.rules.SelectedCheck;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs one selected check against one target: gathers its facts, judges them, renders the findings. */
final class CheckRunner {

    private final String target;
    private final FactCache facts;
    private final Map<String, FactSource> sources;
    private final CheckEvaluator evaluator = new CheckEvaluator();
    private final FindingRenderer renderer = new FindingRenderer();

    /** @param sources facts that do not come from SQL, by fact kind name */
    CheckRunner(String target, FactCache facts, Map<String, FactSource> sources) {
        this.target = target;
        this.facts = facts;
        this.sources = Map.copyOf(sources);
    }

    CheckResult run(SelectedCheck check) {
        long start = System.nanoTime();
        Outcome outcome = outcome(check);
        long millis = (System.nanoTime() - start) / 1_000_000;
        var metadata = check.metadata();
        return new CheckResult(target, check.id(), metadata.title(), metadata.category(), metadata.severity(),
                check.parameterText(), outcome, millis);
    }

    private Outcome outcome(SelectedCheck check) {
        List<Object> gathered = new ArrayList<>();
        for (String kindName : check.metadata().facts()) {
            FactSource source = sources.get(kindName);
            if (source != null) {
                Optional<Outcome> cannotRun = source.addTo(gathered);
                if (cannotRun.isPresent()) {
                    return cannotRun.get();
                }
                continue;
            }
            FactKind kind = FactKind.named(kindName).orElseThrow(() -> new IllegalStateException(
                    "check " + check.id() + " needs unknown fact kind '" + kindName + "'"));
            try {
                gathered.addAll(facts.get(kind, bindings(check)));
            } catch (SQLException e) {
                if (SqlFailures.connectionLost(e)) {
                    throw new TargetLostException("lost the connection to " + target + ": " + SqlFailures.firstLine(e.getMessage()), e);
                }
                return SqlFailures.outcomeOf(kindName, e);
            }
        }
        try {
            CheckEvaluator.Evaluation evaluation = evaluator.evaluate(check.check(), check.parameters(), gathered);
            if (evaluation.skipReason() != null) {
                return Outcome.skipped(evaluation.skipReason());
            }
            List<Finding> findings = new ArrayList<>();
            for (RuleFinding reported : evaluation.findings()) {
                findings.add(renderer.render(check.metadata(), reported));
            }
            return Outcome.of(findings);
        } catch (RuntimeException e) {
            return Outcome.errored("rules of " + check.id() + " failed: " + SqlFailures.firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** Fact queries may use a check's parameters (a size prefilter, say) by name. */
    private static Map<String, Object> bindings(SelectedCheck check) {
        return new LinkedHashMap<>(check.parameters().values());
    }
}
