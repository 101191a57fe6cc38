package dev.pgwarden.engine;

import dev.pgwarden.facts.BaselineFile;
import dev.pgwarden.facts.BaselineStatement;
import dev.pgwarden.facts.RecordedStatements;
import dev.pgwarden.facts.StatementShapes;
import dev.pgwarden.results.CommandName;
import dev.pgwarden.results.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code baseline_plans} facts: each statement a baseline recorded with its plan then ({@code BaselineStatement}),
 * and, for those that had one, the same text planned again now ({@code CurrentPlan}). Checks that need them skip
 * without a baseline, or with one saved before baselines kept plans.
 */
final class BaselinePlanFacts implements FactSource {

    static final String KIND = "baseline_plans";
    private final Path file;
    private final StatementShapes shapes;

    BaselinePlanFacts(Path file, StatementShapes shapes) {
        this.file = file;
        this.shapes = shapes;
    }

    @Override
    public boolean given() {
        return file != null;
    }

    @Override
    public Optional<Outcome> addTo(List<Object> facts) {
        if (!given()) {
            return Optional.of(BaselineFacts.notGiven());
        }
        RecordedStatements recorded;
        try {
            recorded = BaselineFile.readStatements(file, CommandName.of("baseline save --out FILE"));
        } catch (IllegalArgumentException e) {
            return Optional.of(Outcome.errored(e.getMessage()));
        }
        if (!recorded.recorded()) {
            return Optional.of(Outcome.skipped("the baseline " + file + " has no plans: it was saved before 'baseline save' recorded"
                    + " the top statements with their plans; save it again to compare plans from now on"));
        }
        if (recorded.statements().isEmpty()) {
            return Optional.of(Outcome.skipped("the baseline " + file + " recorded no statements"
                    + (recorded.note() == null ? "" : ": " + recorded.note())));
        }
        for (BaselineStatement before : recorded.statements()) {
            facts.add(before);
            if (before.plannable()) {
                facts.add(shapes.replan(before));
            }
        }
        return Optional.empty();
    }
}
