package dev.pgwarden.engine;

import dev.pgwarden.facts.CustomFact;
import dev.pgwarden.facts.CustomFactMismatchException;
import dev.pgwarden.facts.FactKind;
import dev.pgwarden.results.CheckDetails;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.FactQuery;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Outcome;
import dev.pgwarden.results.WaiverBook;
import dev.pgwarden.rules.CheckEvaluator;
import dev.pgwarden.rules.CheckMetadata;
import dev.pgwarden.rules.FactsOnDemand;
import dev.pgwarden.rules.FindingRenderer;
import dev.pgwarden.rules.Measures;
import dev.pgwarden.rules.RuleFinding;
import dev.pgwarden.rules.SelectedCheck;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one selected check against one target: gathers its facts, judges them, renders the findings and
 * sets aside the ones a waiver accepts.
 */
final class CheckRunner {

    private final String target;
    private final FactCache facts;
    private final Map<String, FactSource> sources;
    private final WaiverBook waivers;
    private final LocalDate today;
    private final StatementEvidence statements;
    private final TargetPlatform platform;
    private final CheckEvaluator evaluator = new CheckEvaluator();
    private final FindingRenderer renderer = new FindingRenderer();

    /**
     * @param sources    facts that do not come from SQL, by fact kind name
     * @param statements adds the statements behind a finding, and their plans, to its evidence
     * @param platform   words setting changes for where the server runs
     * @param today      the date waivers are judged on; null for the machine's date at judging
     */
    CheckRunner(String target, FactCache facts, Map<String, FactSource> sources, WaiverBook waivers, StatementEvidence statements,
            TargetPlatform platform, LocalDate today) {
        this.today = today;
        this.target = target;
        this.platform = platform;
        this.facts = facts;
        this.sources = Map.copyOf(sources);
        this.waivers = waivers;
        this.statements = statements;
    }

    CheckResult run(SelectedCheck check) {
        long start = System.nanoTime();
        List<Object> gathered = new ArrayList<>();
        List<FactQuery> queries = new ArrayList<>();
        Optional<Outcome> cannotRun = gather(check, gathered, queries);
        WaiverBook.Applied applied = new WaiverBook.Applied(List.of(), List.of(), List.of());
        Outcome outcome;
        if (cannotRun.isPresent()) {
            outcome = cannotRun.get();
        } else {
            try {
                CheckEvaluator.Evaluation evaluation = evaluator.evaluate(check.check(), check.parameters(),
                        check.objectParameters(), gathered, onDemand(check, queries));
                if (evaluation.skipReason() != null) {
                    outcome = Outcome.skipped(evaluation.skipReason());
                } else {
                    applied = waivers.apply(check.id(), render(check, evaluation), today == null ? LocalDate.now() : today);
                    outcome = Outcome.of(applied.failing());
                }
            } catch (RuntimeException e) {
                Optional<OnDemandReadFailed> unread = OnDemandReadFailed.in(e);
                outcome = unread.isPresent() ? failed(unread.get().kind(), unread.get().getCause(), "grant the role pg_monitor")
                        : Outcome.errored("rules of " + check.id() + " failed: " + SqlFailures.firstLine(String.valueOf(e.getMessage())));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        CheckMetadata metadata = check.metadata();
        CheckDetails details = new CheckDetails(metadata.description(), metadata.references(), metadata.help(), queries,
                new Measures().measure(metadata, gathered), check.complianceControls());
        return new CheckResult(target, check.id(), metadata.title(), metadata.category(),
                check.severity() == null ? metadata.severity() : check.severity(),
                check.parameterText(), outcome, millis, applied.waived(), applied.notes(), details);
    }

    private List<Finding> render(SelectedCheck check, CheckEvaluator.Evaluation evaluation) {
        List<Finding> findings = new ArrayList<>();
        for (RuleFinding reported : evaluation.findings()) {
            findings.add(statements.addTo(platform.reword(renderer.render(check.metadata(), reported, check.severity())),
                    reported.subject()));
        }
        return findings;
    }

    /** The check's facts_on_demand, read through the run's cache when a rule gets to them, and then shown with its queries. */
    private FactsOnDemand onDemand(SelectedCheck check, List<FactQuery> queries) {
        List<String> declared = check.metadata().factsOnDemand();
        return kindName -> {
            if (!declared.contains(kindName)) {
                throw new IllegalArgumentException(check.id() + " reads '" + kindName + "' on demand, but its metadata lists "
                        + declared + " under facts_on_demand");
            }
            FactKind kind = FactKind.named(kindName).orElseThrow();
            FactQuery query = facts.query(kind);
            if (!queries.contains(query)) {
                queries.add(query);
            }
            try {
                return facts.get(kind);
            } catch (SQLException e) {
                throw new OnDemandReadFailed(kindName, e);
            }
        };
    }

    private Optional<Outcome> gather(SelectedCheck check, List<Object> gathered, List<FactQuery> queries) {
        for (String kindName : check.metadata().facts()) {
            if (check.metadata().factsOnDemand().contains(kindName)) {
                continue;
            }
            FactSource source = sources.get(kindName);
            if (source != null) {
                Optional<Outcome> cannotRun = source.addTo(gathered);
                if (cannotRun.isPresent()) {
                    return cannotRun;
                }
                continue;
            }
            FactKind kind = FactKind.named(kindName).orElseThrow(() -> new IllegalStateException(
                    "check " + check.id() + " needs unknown fact kind '" + kindName + "'"));
            try {
                queries.add(facts.query(kind));
                gathered.addAll(facts.get(kind));
            } catch (SQLException e) {
                return Optional.of(failed(kindName, e, kind.grant()));
            }
        }
        return gatherCustom(check, gathered, queries);
    }

    /** The check's own fact queries: a server error is this check's alone, like a built-in fact's. */
    private Optional<Outcome> gatherCustom(SelectedCheck check, List<Object> gathered, List<FactQuery> queries) {
        for (Map.Entry<String, CustomFact> declared : check.metadata().customFacts().entrySet()) {
            CustomFact fact = declared.getValue();
            queries.add(new FactQuery(declared.getKey(), fact.origin().fact(), fact.sql().strip()));
            try {
                gathered.addAll(facts.custom(declared.getKey(), fact));
            } catch (SQLException e) {
                String grant = "grant the role SELECT on what the query of " + fact.origin().fact() + " reads";
                return Optional.of(failed(declared.getKey(), e, grant));
            } catch (CustomFactMismatchException e) {
                return Optional.of(Outcome.errored(e.getMessage()));
            }
        }
        return Optional.empty();
    }

    private Outcome failed(String factName, SQLException e, String grant) {
        if (SqlFailures.connectionLost(e)) {
            throw new TargetLostException("lost the connection to " + target + ": " + SqlFailures.firstLine(e.getMessage()), e);
        }
        return SqlFailures.outcomeOf(factName, e, grant);
    }
}
