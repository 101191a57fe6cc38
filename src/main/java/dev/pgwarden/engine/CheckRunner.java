package dev.pgwarden.engine;

import dev.pgwarden.facts.FactKind;
import dev.pgwarden.results.CheckDetails;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.FactQuery;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Outcome;
import dev.pgwarden.rules.CheckEvaluator;
import dev.pgwarden.rules.CheckMetadata;
import dev.pgwarden.rules.FindingRenderer;
import dev.pgwarden.rules.Measures;
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
    private final ProbeFacts probe;
    private final CheckEvaluator evaluator = new CheckEvaluator();
    private final FindingRenderer renderer = new FindingRenderer();

    CheckRunner(String target, FactCache facts, ProbeFacts probe) {
        this.target = target;
        this.facts = facts;
        this.probe = probe;
    }

    CheckResult run(SelectedCheck check) {
        long start = System.nanoTime();
        List<Object> gathered = new ArrayList<>();
        List<FactQuery> queries = new ArrayList<>();
        Outcome outcome = outcome(check, gathered, queries);
        long millis = (System.nanoTime() - start) / 1_000_000;
        CheckMetadata metadata = check.metadata();
        CheckDetails details = new CheckDetails(metadata.description(), metadata.references(), metadata.help(), queries,
                new Measures().measure(metadata, gathered));
        return new CheckResult(target, check.id(), metadata.title(), metadata.category(), metadata.severity(),
                check.parameterText(), outcome, millis, details);
    }

    private Outcome outcome(SelectedCheck check, List<Object> gathered, List<FactQuery> queries) {
        for (String kindName : check.metadata().facts()) {
            if (ProbeFacts.KIND.equals(kindName)) {
                Optional<Outcome> cannotRun = probe.addTo(gathered);
                if (cannotRun.isPresent()) {
                    return cannotRun.get();
                }
                continue;
            }
            FactKind kind = FactKind.named(kindName).orElseThrow(() -> new IllegalStateException(
                    "check " + check.id() + " needs unknown fact kind '" + kindName + "'"));
            try {
                queries.add(facts.query(kind, bindings(check)));
                gathered.addAll(facts.get(kind, bindings(check)));
            } catch (SQLException e) {
                if (SqlFailures.connectionLost(e)) {
                    throw new TargetLostException("lost the connection to " + target + ": " + SqlFailures.firstLine(e.getMessage()), e);
                }
                return SqlFailures.outcomeOf(kindName, e);
            }
        }
        return judged(check, gathered);
    }

    private Outcome judged(SelectedCheck check, List<Object> gathered) {
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
