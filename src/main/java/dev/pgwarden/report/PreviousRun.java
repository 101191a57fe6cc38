package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Outcome;
import dev.pgwarden.results.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run a {@code check --previous DIR} is compared with: each finding of this run is {@code new} or {@code known}
 * (matched by {@link FindingKey}). A check that errored before had no findings then, so its findings count as new.
 * {@link #NONE} stands for no previous run: reports then mark nothing.
 */
public final class PreviousRun {

    public static final PreviousRun NONE = new PreviousRun(null);
    private final List<RunSummary> runs;

    private PreviousRun(List<RunSummary> runs) {
        this.runs = runs;
    }

    /** @throws IllegalArgumentException naming the path when it holds no report pgwarden wrote */
    public static PreviousRun read(Path path) {
        return new PreviousRun(ReportInput.read(path));
    }

    public static PreviousRun of(List<RunSummary> runs) {
        return new PreviousRun(List.copyOf(runs));
    }

    public boolean given() {
        return runs != null;
    }

    /** "new" or "known"; empty without a previous run. */
    public Optional<String> state(RunSummary run, CheckResult check, Finding finding) {
        if (runs == null) {
            return Optional.empty();
        }
        return Optional.of(isKnown(run, check, finding) ? "known" : "new");
    }

    private boolean isKnown(RunSummary run, CheckResult check, Finding finding) {
        return earlier(run).containsKey(FindingKey.of(run.target(), check.id(), finding));
    }

    private Map<FindingKey, Finding> earlier(RunSummary run) {
        return RunDiff.findings(RunPair.of(runs, List.of(run)).stream().filter(pair -> pair.after() == run).findFirst()
                .map(RunPair::before).orElse(null));
    }

    /** The run with its known findings taken out, for a verdict on what is new: a check whose findings were all known passes. */
    public RunSummary onlyNew(RunSummary run) {
        if (runs == null) {
            return run;
        }
        List<CheckResult> checks = new ArrayList<>();
        for (CheckResult check : run.checks()) {
            List<Finding> fresh = check.findings().stream().filter(f -> !isKnown(run, check, f)).toList();
            checks.add(fresh.size() == check.findings().size() ? check : new CheckResult(check.target(), check.id(), check.title(),
                    check.category(), check.severity(), check.parameters(), fresh.isEmpty() ? Outcome.passed() : new Outcome.Failed(fresh),
                    check.durationMs(), check.waived(), check.notes(), check.details()));
        }
        return new RunSummary(run.target(), run.startedAt(), run.durationMs(), checks, run.targetFailure(), run.targetUnreachable(),
                run.platform(), run.provenance(), run.histograms());
    }

    /** How this run compares with the previous one: new, resolved and still-failing findings. */
    public RunDiff diff(RunSummary run) {
        return RunDiff.of(runs, List.of(run), Double.POSITIVE_INFINITY);
    }
}
