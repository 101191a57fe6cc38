package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Measurement;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two runs of the same targets: per target, the findings that are new, resolved and still
 * there (matched by {@link FindingKey}), those whose severity changed, and the measured values that moved by more
 * than a percentage.
 */
public record RunDiff(List<TargetDiff> targets) {

    /** One finding of one of the runs, with its key. */
    public record Entry(FindingKey key, Finding finding) {
    }

    public record SeverityChange(FindingKey key, Severity before, Severity after) {
    }

    /** A measured value of one check that moved by more than the percentage asked for. */
    public record Moved(String check, String measure, double before, double after) {

        /** The change in percent of the earlier value; infinite when that was 0. */
        public double percent() {
            return before == 0 ? Double.POSITIVE_INFINITY : (after - before) / Math.abs(before) * 100;
        }
    }

    public record TargetDiff(String target, List<Entry> added, List<Entry> resolved, List<Entry> still,
            List<SeverityChange> severities, List<Moved> moved) {
    }

    public RunDiff {
        targets = List.copyOf(targets);
    }

    /**
     * @param regressionPct a measured value moved when it changed by more than this many percent of its earlier value
     */
    public static RunDiff of(List<RunSummary> before, List<RunSummary> after, double regressionPct) {
        List<TargetDiff> targets = new ArrayList<>();
        for (RunPair pair : RunPair.of(before, after)) {
            targets.add(compare(pair, regressionPct));
        }
        return new RunDiff(targets);
    }

    private static TargetDiff compare(RunPair pair, double regressionPct) {
        Map<FindingKey, Finding> was = findings(pair.before());
        Map<FindingKey, Finding> is = findings(pair.after());
        List<Entry> added = new ArrayList<>();
        List<Entry> still = new ArrayList<>();
        List<SeverityChange> severities = new ArrayList<>();
        is.forEach((key, finding) -> {
            Finding earlier = was.get(key);
            if (earlier == null) {
                added.add(new Entry(key, finding));
            } else {
                still.add(new Entry(key, finding));
                if (earlier.severity() != finding.severity()) {
                    severities.add(new SeverityChange(key, earlier.severity(), finding.severity()));
                }
            }
        });
        List<Entry> resolved = new ArrayList<>();
        was.forEach((key, finding) -> {
            if (!is.containsKey(key)) {
                resolved.add(new Entry(key, finding));
            }
        });
        return new TargetDiff(pair.target(), added, resolved, still, severities, moved(pair, regressionPct));
    }

    /** A run's findings by key; none for a run that is missing on that side. */
    static Map<FindingKey, Finding> findings(RunSummary run) {
        Map<FindingKey, Finding> findings = new LinkedHashMap<>();
        if (run != null) {
            for (CheckResult check : run.checks()) {
                check.findings().forEach(finding -> findings.put(FindingKey.of(run.target(), check.id(), finding), finding));
            }
        }
        return findings;
    }

    private static List<Moved> moved(RunPair pair, double regressionPct) {
        if (pair.before() == null || pair.after() == null) {
            return List.of();
        }
        Map<String, Double> was = new LinkedHashMap<>();
        pair.before().checks().forEach(check -> check.details().measurements().forEach(m -> was.put(check.id() + "\n" + m.name(), m.value())));
        List<Moved> moved = new ArrayList<>();
        for (CheckResult check : pair.after().checks()) {
            for (Measurement m : check.details().measurements()) {
                Double earlier = was.get(check.id() + "\n" + m.name());
                if (earlier != null && !Objects.equals(earlier, m.value())
                        && Math.abs(new Moved(check.id(), m.name(), earlier, m.value()).percent()) > regressionPct) {
                    moved.add(new Moved(check.id(), m.name(), earlier, m.value()));
                }
            }
        }
        return moved;
    }

    /** New findings at or above the bar, over every target. */
    public List<Entry> addedAtOrAbove(Severity bar) {
        return targets.stream().flatMap(t -> t.added().stream()).filter(e -> e.finding().severity().compareTo(bar) >= 0).toList();
    }
}
