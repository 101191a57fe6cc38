package dev.pgwarden.results;

import java.util.Objects;
import java.util.Optional;

/**
 * What a run means against the bar set with {@code --fail-on}: findings at or above the bar fail it, those
 * below are reported but do not; a check that errored or a target that could not be checked always counts.
 *
 * @param worstCounted the most severe finding at or above the bar; empty when none reached it
 * @param belowBar     how many findings were below the bar
 */
public record Verdict(Severity failOn, Optional<Severity> worstCounted, long belowBar, boolean errored, boolean targetFailed) {

    public Verdict {
        Objects.requireNonNull(failOn, "failOn must not be null");
        Objects.requireNonNull(worstCounted, "worstCounted must not be null");
    }

    public static Verdict of(RunSummary run, Severity failOn) {
        Optional<Severity> worst = findings(run).map(Finding::severity)
                .filter(s -> s.compareTo(failOn) >= 0).reduce(Severity::max);
        long below = findings(run).filter(f -> f.severity().compareTo(failOn) < 0).count();
        return new Verdict(failOn, worst, below, run.count(Status.ERROR) > 0, run.targetFailed());
    }

    private static java.util.stream.Stream<Finding> findings(RunSummary run) {
        return run.checks().stream().flatMap(c -> c.findings().stream());
    }

    /** Whether the run fails: a finding at or above the bar, an errored check, or an unchecked target. */
    public boolean failed() {
        return worstCounted.isPresent() || errored || targetFailed;
    }
}
