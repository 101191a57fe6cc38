package dev.pgwarden.cli;

import dev.pgwarden.report.DiffReport;
import dev.pgwarden.report.ReportInput;
import dev.pgwarden.report.RunDiff;
import dev.pgwarden.report.RunPair;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgwarden diff BEFORE AFTER}: what is new, resolved and still failing between two reports; exits 1 on something new. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare two reports (report directories or JSON reports, single targets or fleets): findings new, resolved and"
                + " still failing, changed severities and measured values that moved. Exits 1 when something new at or above --fail-on appeared.")
final class DiffCommand implements Callable<Integer> {

    private static final List<String> FORMATS = List.of("console", "markdown", "json");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier report: a report directory or its pgwarden.json.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The later report.")
    Path after;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "warning",
            description = "New findings of this severity or worse make the exit code 1: warning or critical (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--regression-pct", paramLabel = "N", defaultValue = "20",
            description = "List a measured value as moved when it changed by more than N percent, as baseline-regression judges (default: ${DEFAULT-VALUE}).")
    double regressionPct;

    @Option(names = "--allow-other-target",
            description = "Compare reports of different clusters (their system_identifier differs); refused without it.")
    boolean allowOtherTarget;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", defaultValue = "console",
            description = "Any of: console, markdown, json (default: ${DEFAULT-VALUE}); markdown and json are files in --report-dir.")
    List<String> formats;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write pgwarden-diff.md and pgwarden-diff.json here.")
    Path reportDir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RunDiff diff;
        Severity bar;
        try {
            bar = Severity.parse(failOn);
            requireFormats();
            List<RunSummary> earlier = ReportInput.read(before);
            List<RunSummary> later = ReportInput.read(after);
            if (!allowOtherTarget) {
                Optional<String> other = RunPair.of(earlier, later).stream().map(RunPair::otherCluster).flatMap(Optional::stream).findFirst();
                if (other.isPresent()) {
                    throw new IllegalArgumentException(other.get() + "; give --allow-other-target to compare them anyway");
                }
            }
            diff = RunDiff.of(earlier, later, regressionPct);
        } catch (IllegalArgumentException e) {
            err.println("pgwarden: diff: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        DiffReport report = new DiffReport(diff);
        try {
            if (formats.contains("markdown")) {
                report.writeMarkdown(reportDir);
            }
            if (formats.contains("json")) {
                report.writeJson(reportDir);
            }
        } catch (IOException e) {
            err.println("pgwarden: diff: cannot write to " + reportDir + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (formats.contains("console")) {
            report.console(spec.commandLine().getOut());
        }
        return diff.addedAtOrAbove(bar).isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private void requireFormats() {
        formats = formats.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
        for (String format : formats) {
            if (!FORMATS.contains(format)) {
                throw new IllegalArgumentException("--format " + format + ": unknown format (known: " + String.join(", ", FORMATS) + ")");
            }
            if (!format.equals("console") && reportDir == null) {
                throw new IllegalArgumentException("--format " + format + " writes a file: give --report-dir DIR");
            }
        }
        if (reportDir != null) {
            try {
                java.nio.file.Files.createDirectories(reportDir);
            } catch (IOException e) {
                throw new IllegalArgumentException("--report-dir " + reportDir + ": cannot create it (" + e.getMessage() + ")");
            }
        }
    }
}
