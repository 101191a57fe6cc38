package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.Platform;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.results.WaivedFinding;
import java.io.PrintWriter;

/**
 * The console view: one line per check, then for each finding its object, message, remediation and
 * rollback, and a closing count by status and by finding severity.
 */
public final class ConsoleReport {

    private final PrintWriter out;
    private final PreviousRun previous;

    public ConsoleReport(PrintWriter out) {
        this(out, PreviousRun.NONE);
    }

    /** @param previous the run to tag each finding {@code [new]} or {@code [known]} against */
    public ConsoleReport(PrintWriter out, PreviousRun previous) {
        this.out = out;
        this.previous = previous;
    }

    public void write(RunSummary run) {
        // A managed service is named, since its remediations read as the provider's changes; a self-managed run reads as before.
        Platform platform = Platform.named(run.platform()).filter(Platform::managed).orElse(null);
        out.println("pgwarden: " + run.target() + (platform == null ? "" : " on " + platform.title()));
        if (run.targetFailed()) {
            out.println("  " + run.targetFailure());
        }
        if (run.provenance() != null) {
            out.println("  " + ProvenanceLine.of(run.provenance()));
        }
        for (CheckResult check : run.checks()) {
            out.printf("%-8s %-" + idWidth(run) + "s %s%s%n", label(check.status()), check.id(), check.title(),
                    check.reason().isEmpty() ? "" : " (" + check.reason() + ")");
            for (Finding finding : check.findings()) {
                writeFinding(finding, previous.state(run, check, finding).map(state -> "[" + state + "] ").orElse(""));
            }
            for (WaivedFinding waived : check.waived()) {
                out.println("    [waived] " + waived.finding().object() + ": " + waived.finding().message());
                out.println("      " + waived.waiver().describe());
            }
            check.notes().forEach(note -> out.println("    note: " + note));
        }
        out.printf("%d passed, %d failed, %d skipped, %d errors; %s in %d ms (%s)%n", run.count(Status.PASSED),
                run.count(Status.FAILED), run.count(Status.SKIPPED), run.count(Status.ERROR), findingCounts(run), run.durationMs(),
                PgwardenVersion.current().describe());
        out.flush();
    }

    /** The longest check id sets the column, so titles line up. */
    private static int idWidth(RunSummary run) {
        return run.checks().stream().mapToInt(c -> c.id().length()).max().orElse(1);
    }

    private static String findingCounts(RunSummary run) {
        long total = run.checks().stream().mapToLong(c -> c.findings().size()).sum();
        String bySeverity = java.util.Arrays.stream(Severity.values()).sorted(java.util.Comparator.reverseOrder())
                .map(s -> run.checks().stream().flatMap(c -> c.findings().stream()).filter(f -> f.severity() == s).count()
                        + " " + s.label())
                .collect(java.util.stream.Collectors.joining(", "));
        return total + (total == 1 ? " finding (" : " findings (") + bySeverity + ")";
    }

    private void writeFinding(Finding finding, String tag) {
        out.println("    " + tag + "[" + finding.severity().label() + "] " + finding.object());
        out.println("      " + finding.message());
        out.println("      remediation:");
        indent(finding.remediation());
        out.println("      rollback:");
        indent(finding.rollback());
    }

    private void indent(String text) {
        text.lines().forEach(line -> out.println("        " + line));
    }

    private static String label(Status status) {
        return switch (status) {
            case PASSED -> "passed";
            case FAILED -> "FAILED";
            case SKIPPED -> "skipped";
            case ERROR -> "ERROR";
        };
    }
}
