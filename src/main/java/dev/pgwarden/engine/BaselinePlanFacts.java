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
final class BaselinePlanFacts extends FileFactSource<RecordedStatements> {

    static final String KIND = "baseline_plans";
    private final StatementShapes shapes;

    BaselinePlanFacts(Path file, StatementShapes shapes) {
        super(file);
        this.shapes = shapes;
    }

    @Override
    protected Outcome notGiven(List<Object> facts) {
        return BaselineFacts.notGiven();
    }

    @Override
    protected Reading<RecordedStatements> read(Path file) {
        RecordedStatements recorded;
        try {
            recorded = BaselineFile.readStatements(file, CommandName.of("baseline save --out FILE"));
        } catch (IllegalArgumentException e) {
            return Reading.cannot(Outcome.errored(e.getMessage()));
        }
        if (!recorded.recorded()) {
            return Reading.cannot(Outcome.skipped("the baseline " + file + " has no plans: it was saved before 'baseline save'"
                    + " recorded the top statements with their plans; save it again to compare plans from now on"));
        }
        if (recorded.statements().isEmpty()) {
            return Reading.cannot(Outcome.skipped("the baseline " + file + " recorded no statements"
                    + (recorded.note() == null ? "" : ": " + recorded.note())));
        }
        return Reading.of(recorded);
    }

    /** Plans now are asked for each run of the checks, so a check sees the server as it is when it runs. */
    @Override
    protected Optional<Outcome> add(RecordedStatements recorded, List<Object> facts) {
        for (BaselineStatement before : recorded.statements()) {
            facts.add(before);
            if (before.plannable()) {
                facts.add(shapes.replan(before));
            }
        }
        return Optional.empty();
    }
}
