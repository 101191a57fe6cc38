package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.results.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Nagios plugin status line, {@code PGWARDEN STATE - text | perfdata}, for monitoring that runs
 * plugins such as check_postgres. Use it with {@code --exit-codes nagios} so the exit code is the state's.
 */
public final class NagiosReport {

    private static final int OBJECTS_NAMED = 3;
    private final Severity failOn;

    public NagiosReport(Severity failOn) {
        this.failOn = failOn;
    }

    public void write(RunSummary run, PrintWriter out) {
        out.println(line(run));
        // Nagios shows the lines after the first as the long output.
        out.println(PgwardenVersion.current().describe());
        if (run.provenance() != null) {
            out.println(ProvenanceLine.of(run.provenance()));
        }
        out.flush();
    }

    String line(RunSummary run) {
        Verdict verdict = Verdict.of(run, failOn);
        // A '|' would start the performance data early; a newline would end the status line.
        String text = text(run, verdict).replace('|', '/').replaceAll("\\s*\\R\\s*", " ");
        return "PGWARDEN " + NagiosState.of(verdict) + " - " + text + " | " + perfdata(run);
    }

    private String text(RunSummary run, Verdict verdict) {
        if (run.targetFailed()) {
            return run.targetFailure();
        }
        List<String> parts = new ArrayList<>();
        for (CheckResult check : run.checks()) {
            List<Finding> counted = check.findings().stream().filter(f -> f.severity().compareTo(failOn) >= 0).toList();
            if (!counted.isEmpty()) {
                parts.add(check.id() + " " + check.effectiveSeverity().label() + ": " + objects(counted));
            } else if (check.status() == Status.ERROR) {
                parts.add(check.id() + " error: " + check.reason());
            }
        }
        String summary = String.format(Locale.ROOT, "%d checks, %d passed, %d failed, %d skipped, %d errors",
                run.checks().size(), run.count(Status.PASSED), run.count(Status.FAILED), run.count(Status.SKIPPED),
                run.count(Status.ERROR));
        if (verdict.belowBar() > 0) {
            summary += ", " + verdict.belowBar() + " findings below " + failOn.label();
        }
        return parts.isEmpty() ? summary : String.join("; ", parts) + " (" + summary + ")";
    }

    private static String objects(List<Finding> findings) {
        List<String> names = findings.stream().map(Finding::object).distinct().toList();
        String shown = String.join(", ", names.subList(0, Math.min(OBJECTS_NAMED, names.size())));
        return names.size() > OBJECTS_NAMED ? shown + " and " + (names.size() - OBJECTS_NAMED) + " more" : shown;
    }

    private static String perfdata(RunSummary run) {
        StringBuilder perf = new StringBuilder();
        perf.append("checks=").append(run.checks().size()).append(" failed=").append(run.count(Status.FAILED))
            .append(" errors=").append(run.count(Status.ERROR));
        for (CheckResult check : run.checks()) {
            perf.append(" '").append(check.id()).append(" findings'=").append(check.findings().size());
            check.details().measurements().forEach(m -> perf.append(' ').append(m.name()).append('=')
                    .append(m.valueText()));
        }
        perf.append(" time=").append(String.format(Locale.ROOT, "%.3fs", run.durationMs() / 1000.0));
        return perf.toString();
    }
}
