package dev.pgwarden.rules;

import dev.pgwarden.facts.CatalogObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Judges one set of facts with one compiled check, returning what its rules reported. Objects a suite
 * gives parameters of their own are judged in a session of their own with those parameters; facts that
 * name no object (settings, the probe) are in every session.
 */
public final class CheckEvaluator {

    /** What the rules concluded: findings, or a reason they could not judge (null when they could). */
    public record Evaluation(List<RuleFinding> findings, String skipReason) {
    }

    public Evaluation evaluate(CompiledCheck check, Parameters parameters, Collection<?> facts) {
        return evaluate(check, parameters, List.of(), facts);
    }

    public Evaluation evaluate(CompiledCheck check, Parameters defaults, List<ObjectParameters> overrides, Collection<?> facts) {
        return evaluate(check, defaults, overrides, facts, FactsOnDemand.from(facts));
    }

    /** @param onDemand the check's {@code facts_on_demand}, read only where a rule gets to them */
    public Evaluation evaluate(CompiledCheck check, Parameters defaults, List<ObjectParameters> overrides, Collection<?> facts,
            FactsOnDemand onDemand) {
        facts = withControls(check.metadata(), facts);
        if (!check.canFire(facts)) {
            // Every rule needs a kind of fact the database has none of (a healthy one, usually): nothing to report.
            check.loadOnlyIfUsed();
            return new Evaluation(List.of(), null);
        }
        Map<Parameters, List<Object>> groups = group(defaults, overrides, facts);
        FindingSink sink = new FindingSink(check.id(), check.metadata().findings().keySet());
        for (Map.Entry<Parameters, List<Object>> group : groups.entrySet()) {
            run(check, sink, group.getKey(), group.getValue(), onDemand);
        }
        return new Evaluation(distinct(sink.findings()), sink.skipReason());
    }

    /** The check's CIS controls join its facts, so one rule can judge a table of them. */
    private static Collection<?> withControls(CheckMetadata metadata, Collection<?> facts) {
        if (metadata.cis().isEmpty()) {
            return facts;
        }
        List<Object> all = new ArrayList<>(facts);
        all.addAll(metadata.cis());
        return all;
    }

    private static Map<Parameters, List<Object>> group(Parameters defaults, List<ObjectParameters> overrides, Collection<?> facts) {
        Map<Parameters, List<Object>> groups = new LinkedHashMap<>();
        if (overrides.isEmpty()) {
            // Usual case: one session with every fact, without hashing the parameters once per fact.
            groups.put(defaults, new ArrayList<>(facts));
            return groups;
        }
        List<Object> shared = new ArrayList<>();
        groups.put(defaults, new ArrayList<>());
        for (Object fact : facts) {
            Parameters chosen = overrides.isEmpty() || !(fact instanceof CatalogObject named) ? null : forObject(named, overrides);
            if (!(fact instanceof CatalogObject) && !overrides.isEmpty()) {
                shared.add(fact);
            } else {
                groups.computeIfAbsent(chosen == null ? defaults : chosen, p -> new ArrayList<>()).add(fact);
            }
        }
        groups.values().forEach(group -> group.addAll(shared));
        return groups;
    }

    private static Parameters forObject(CatalogObject fact, List<ObjectParameters> overrides) {
        for (ObjectParameters override : overrides) {
            if (override.pattern().matches(fact.objectName())) {
                return override.parameters();
            }
        }
        return null;
    }

    private static void run(CompiledCheck check, FindingSink sink, Parameters parameters, List<Object> facts, FactsOnDemand onDemand) {
        StatelessKieSession session = check.knowledgeBase().newStatelessKieSession();
        session.setGlobal(RuleCompiler.SINK_GLOBAL, sink);
        if (!check.metadata().factsOnDemand().isEmpty()) {
            session.setGlobal(FactsOnDemand.GLOBAL, onDemand);
        }
        List<Object> inserted = new ArrayList<>(facts.size() + 1);
        inserted.add(parameters);
        inserted.addAll(facts);
        session.execute(inserted);
    }

    /** A fact shared by several sessions can be reported by each; it is one finding. */
    private static List<RuleFinding> distinct(List<RuleFinding> findings) {
        Set<String> seen = new LinkedHashSet<>();
        List<RuleFinding> unique = new ArrayList<>();
        for (RuleFinding f : findings) {
            if (seen.add(f.kind() + "\u0000" + FindingRenderer.objectName(f.subject()) + "\u0000" + f.message())) {
                unique.add(f);
            }
        }
        return unique;
    }
}
