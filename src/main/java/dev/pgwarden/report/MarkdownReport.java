package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code pgwarden.md}: a summary table of the checks and then each finding with what to run and how to
 * undo it, for a CI step summary or a pull request comment.
 */
public final class MarkdownReport {

    public static final String FILE_NAME = "pgwarden.md";
    private final PreviousRun previous;

    public MarkdownReport() {
        this(PreviousRun.NONE);
    }

    /** @param previous the run the summary counts new, resolved and still-failing findings against, and each finding is marked by */
    public MarkdownReport(PreviousRun previous) {
        this.previous = previous;
    }

    public Path write(RunSummary run, Path directory) throws IOException {
        return AtomicFile.write(directory.resolve(FILE_NAME), render(run).getBytes(StandardCharsets.UTF_8));
    }

    String render(RunSummary run) {
        StringBuilder md = new StringBuilder();
        md.append("## pgwarden: ").append(code(run.target())).append("\n\n");
        if (previous.given()) {
            md.append(MarkdownTrend.summary(previous.diff(run), run.target())).append("\n\n");
        }
        if (run.targetFailed()) {
            md.append("**Not checked:** ").append(escape(run.targetFailure())).append("\n\n");
        }
        md.append(String.format("%d passed, %d failed, %d skipped, %d errors in %d ms, judged by %s%n%n", run.count(Status.PASSED),
                run.count(Status.FAILED), run.count(Status.SKIPPED), run.count(Status.ERROR), run.durationMs(),
                escape(PgwardenVersion.current().describe())));
        if (!run.checks().isEmpty()) {
            table(md, run, previous);
        }
        MarkdownProvenance.append(md, run.provenance());
        MarkdownCharts.appendRun(md, run.histograms());
        for (CheckResult check : run.checks()) {
            if (!check.findings().isEmpty()) {
                findings(md, run, check);
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, RunSummary run, PreviousRun previous) {
        // The CIS column only where a check evaluates controls, so other runs' tables stay as they were.
        boolean controls = run.checks().stream().anyMatch(c -> !c.details().controls().isEmpty());
        md.append("| status | check |").append(controls ? " CIS |" : "").append(" severity | findings |")
          .append(previous.given() ? " new |" : "").append(" |\n| --- | --- |").append(controls ? " --- |" : "")
          .append(" --- | --- |").append(previous.given() ? " --- |" : "").append(" --- |\n");
        for (CheckResult check : run.checks()) {
            md.append("| ").append(icon(check.status())).append(' ').append(check.status().label())
              .append(" | ").append(code(check.id()))
              .append(controls ? " | " + escape(check.details().controlIds()) : "")
              .append(" | ").append(check.effectiveSeverity().label())
              .append(" | ").append(check.findings().size());
            if (previous.given()) {
                md.append(" | ").append(check.findings().stream().filter(f -> previous.state(run, check, f).orElseThrow().equals("new")).count());
            }
            md
              .append(" | ").append(escape(check.title() + (check.reason().isEmpty() ? "" : " (" + check.reason() + ")")))
              .append(" |\n");
        }
        md.append('\n');
    }

    private void findings(StringBuilder md, RunSummary run, CheckResult check) {
        md.append("### ").append(code(check.id())).append(": ").append(escape(check.title())).append("\n\n");
        for (Finding finding : check.findings()) {
            md.append("- ").append(previous.state(run, check, finding).map(state -> "_" + state + "_ ").orElse(""))
              .append("**").append(finding.severity().label()).append("** ").append(code(finding.object()))
              .append(": ").append(escape(finding.message())).append("\n\n")
              .append("  <details><summary>remediation and rollback</summary>\n\n")
              .append("  Remediation:\n\n").append(fenced(finding.remediation()))
              .append("  Rollback:\n\n").append(fenced(finding.rollback()))
              .append("  </details>\n\n");
            MarkdownCharts.append(md, finding);
            MarkdownPlans.append(md, finding);
        }
    }

    private static String fenced(String text) {
        return fenced("", text);
    }

    /** A code block indented to sit inside a list item, with the language named for highlighting. */
    static String fenced(String language, String text) {
        StringBuilder block = new StringBuilder("  ```" + language + "\n");
        text.lines().forEach(line -> block.append("  ").append(line).append('\n'));
        return block.append("  ```\n\n").toString();
    }

    private static String icon(Status status) {
        return switch (status) {
            case PASSED -> "✅";
            case FAILED -> "❌";
            case SKIPPED -> "⏭️";
            case ERROR -> "⚠️";
        };
    }

    static String code(String text) {
        return "`" + text.replace("`", "'") + "`";
    }

    /** Keeps table cells and inline text from breaking the Markdown around them. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }
}
