package dev.pgwarden.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.kie.api.runtime.StatelessKieSession;

/** Judges one set of facts with one compiled check, returning what its rules reported. */
public final class CheckEvaluator {

    /** What the rules concluded: findings, or a reason they could not judge (null when they could). */
    public record Evaluation(List<RuleFinding> findings, String skipReason) {
    }

    public Evaluation evaluate(CompiledCheck check, Parameters parameters, Collection<?> facts) {
        FindingSink sink = new FindingSink(check.id(), check.metadata().findings().keySet());
        StatelessKieSession session = check.knowledgeBase().newStatelessKieSession();
        session.setGlobal(RuleCompiler.SINK_GLOBAL, sink);
        List<Object> inserted = new ArrayList<>(facts.size() + 1);
        inserted.add(parameters);
        inserted.addAll(facts);
        session.execute(inserted);
        return new Evaluation(sink.findings(), sink.skipReason());
    }
}
