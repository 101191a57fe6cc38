package dev.pgwarden.export;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.FactQuery;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import dev.pgwarden.rules.MeasureSpec;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A runbook for one run: a Markdown page per finding of a failed check, saying what was seen, why it matters,
 * how to confirm it by hand, what to run, how to verify and undo it, what to alert on afterwards and when to look
 * again, and {@code index.md} listing the pages. Text only: {@link RunbookDirectory} writes it.
 *
 * @param regressionPct how far past the measured value an alert allows, in percent (baseline-regression's parameter)
 * @param measures each check's declared measures by name, keyed by check id
 * @param followUp the date each page asks for a second look
 */
public record Runbook(RunSummary run, Map<String, Map<String, MeasureSpec>> measures, VerifyCommand verify,
        double regressionPct, LocalDate followUp) {

    /** The first line of every index.md, by which a later export knows the directory as a runbook it may replace. */
    public static final String MARKER = "<!-- pgwarden runbook -->";
    public static final String INDEX = "index.md";

    public Runbook {
        Objects.requireNonNull(run, "run must not be null");
        Objects.requireNonNull(verify, "verify must not be null");
        Objects.requireNonNull(followUp, "followUp must not be null");
        measures = Map.copyOf(measures);
    }

    /** File name → Markdown, the index last. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder rows = new StringBuilder();
        Set<String> names = new HashSet<>();
        for (CheckResult check : run.checks()) {
            if (check.status() != Status.FAILED) {
                continue;
            }
            for (Finding finding : check.findings()) {
                String name = unique(RunbookFileName.of(check.id(), finding.object()), names);
                files.put(name, page(check, finding));
                rows.append("| ").append(finding.severity().label()).append(" | ").append(code(check.id())).append(" | ")
                    .append(code(finding.object())).append(" | [").append(name).append("](").append(name).append(") |\n");
            }
        }
        files.put(INDEX, index(rows.toString()));
        return files;
    }

    private String index(String rows) {
        StringBuilder md = new StringBuilder(MARKER).append('\n');
        md.append("# pgwarden runbook: ").append(code(run.target())).append("\n\n");
        md.append("Checked at ").append(run.startedAt()).append(String.format(": %d passed, %d failed, %d skipped, %d errors.%n%n",
                run.count(Status.PASSED), run.count(Status.FAILED), run.count(Status.SKIPPED), run.count(Status.ERROR)));
        if (rows.isEmpty()) {
            md.append("Nothing failed: no check found anything to fix, so there are no pages.\n\n");
        } else {
            md.append("| severity | check | object | page |\n| --- | --- | --- | --- |\n").append(rows).append('\n');
        }
        for (CheckResult check : run.checks()) {
            if (check.status() == Status.SKIPPED || check.status() == Status.ERROR) {
                md.append("- ").append(code(check.id())).append(' ').append(check.status().label()).append(": ")
                  .append(inline(check.reason())).append('\n');
            }
        }
        return md.toString();
    }

    private String page(CheckResult check, Finding finding) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(code(check.id())).append(": ").append(code(finding.object())).append("\n\n");
        md.append("Target ").append(code(run.target())).append(", checked at ").append(run.startedAt()).append(".\n\n");

        md.append("## What was seen\n\n**").append(finding.severity().label()).append("**: ").append(inline(finding.message())).append("\n\n");
        if (!finding.evidence().isEmpty()) {
            md.append("| evidence | value |\n| --- | --- |\n");
            finding.evidence().forEach((key, value) -> md.append("| ").append(cell(key)).append(" | ").append(cell(String.valueOf(value))).append(" |\n"));
            md.append('\n');
        }

        md.append("## Why it matters\n\n**").append(inline(check.title())).append("**\n\n").append(check.details().description().strip()).append("\n\n");

        md.append("## How to confirm by hand\n\n");
        if (check.details().queries().isEmpty()) {
            md.append("This check reads no SQL fact; run the verify command below.\n\n");
        } else {
            md.append("Run as a role with pg_monitor, in the database the check ran in; these are the queries the check read, with the values it bound:\n\n");
            for (FactQuery query : check.details().queries()) {
                md.append(code(query.fact())).append(" (").append(code(query.resource())).append("):\n\n")
                  .append(fence("sql", ConfirmQuery.sql(query)));
            }
        }

        md.append("## Remediation\n\n").append(fence("", finding.remediation()));
        md.append("## How to verify afterwards\n\nThe check passes again once this object is fixed:\n\n")
          .append(fence("sh", verify.forCheck(check.id())));
        md.append("## Rollback\n\n").append(fence("", finding.rollback()));

        md.append("## Alert to add\n\n");
        if (check.details().measurements().isEmpty()) {
            md.append("This check has no measure, so no value to hold to a bound: alert when it fails again, on ")
              .append(code(RunbookAlert.failedExpression(check.id()))).append(" from pgwarden's Prometheus file.\n\n");
        } else {
            md.append("Once fixed, alert if a measure moves past the value measured now by ").append("regression_pct")
              .append(" (baseline-regression's parameter), on the series of pgwarden's Prometheus file (`--format prometheus`):\n\n");
        }
        md.append(fence("yaml", new RunbookAlert(regressionPct).yaml(check, measures.getOrDefault(check.id(), Map.of()))));

        md.append("## Follow up\n\nLook again on **").append(followUp).append("**: run the verify command and check the alert has stayed quiet.\n");
        return md.toString();
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name.substring(0, name.length() - ".md".length()) + "-" + n + ".md";
        }
        return candidate;
    }

    /** A fence longer than any backtick run in the text, so no text can close it early. */
    private static String fence(String language, String text) {
        String ticks = "```";
        while (text.contains(ticks)) {
            ticks += "`";
        }
        return ticks + language + "\n" + text.strip() + "\n" + ticks + "\n\n";
    }

    private static String code(String text) {
        return "`" + text.replace("`", "'").replace("\n", " ") + "`";
    }

    private static String inline(String text) {
        return text.replace("<", "&lt;").replace("\n", " ");
    }

    private static String cell(String text) {
        return inline(text).replace("\\", "\\\\").replace("|", "\\|");
    }
}
