package dev.pgwarden.cli;

import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.engine.CustomFactPreflight;
import dev.pgwarden.engine.RunPlan;
import dev.pgwarden.engine.RunPlanner;
import dev.pgwarden.engine.SessionsOpenedAhead;
import dev.pgwarden.probe.ProbeFormatException;
import dev.pgwarden.report.PreviousRun;
import dev.pgwarden.report.RunProperties;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.connection.TargetConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.TestExecutionListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden check}: runs a suite against a database and exits 0, 1, 2 or 3. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run health checks against a PostgreSQL database (read only).")
final class CheckCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--targets", paramLabel = "FILE",
            description = "Check a fleet: a YAML list of named targets (name, url); passwords from PGPASSWORD, ~/.pgpass or a connection service.")
    Path targets;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "With --targets: how many targets are checked at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "With --targets: check only the I-th (from 0) of N disjoint slices of the fleet, chosen by a hash of each target's name;"
                    + " with N alone, I is JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job). Combine the slices with 'pgwarden merge'.")
    String shard;

    @Option(names = "--suite", paramLabel = "NAME|FILE", description = "Built-in suite name or YAML file (default: ${DEFAULT-VALUE}).",
            defaultValue = "default")
    String suite;

    @Option(names = "--check", paramLabel = "ID", description = "Run only this check (repeatable).")
    List<String> checks = new ArrayList<>();

    @Option(names = "--set", paramLabel = "CHECK.PARAM=VALUE", description = "Override a parameter (repeatable), e.g. xid-age.max_age=1500000000.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--probe", paramLabel = "FILE|-",
            description = "Host probe output for the read-latency check: the file 'pgwarden probe' wrote, or bpftrace output (json or text); - reads standard input.")
    String probe;

    @Option(names = "--probe-map", paramLabel = "NAME", description = "Which histogram of the probe output to judge (default: the only one, or 'reads').")
    String probeMap;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Compare measurements with a baseline saved by 'pgwarden baseline save'.")
    Path baseline;

    @Option(names = "--rules", paramLabel = "DIR", description = "Add your own checks (<id>.drl + <id>.yaml); a same-id file replaces a built-in check.")
    Path rules;

    @Option(names = "--target-version", paramLabel = "N", description = "The major version you upgrade to, for the pre-upgrade checks.")
    String targetVersion;

    @Option(names = "--explain-analyze",
            description = "Execute the statements behind findings with EXPLAIN (ANALYZE, BUFFERS) to show their plans: only plain SELECTs"
                    + " without parameters, in the read-only session with the statement timeout, and only when the target is a standby.")
    boolean explainAnalyze;

    @Option(names = "--explain-analyze-on-primary",
            description = "With --explain-analyze: execute them on a primary too, where they add to its workload.")
    boolean explainAnalyzeOnPrimary;

    @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = "auto",
            description = "Where the server runs, for how settings are changed: auto (detected), self-managed, rds, aurora, cloudsql, alloydb, azure (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report files here.")
    Path reportDir;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",", defaultValue = "console,json,junit",
            description = "Any of: console, json, junit, allure, open-test-reporting, sarif, markdown, prometheus, nagios"
                    + " (default: ${DEFAULT-VALUE}); all but console and nagios are files in --report-dir.")
    List<String> formats;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "warning",
            description = "Findings of this severity or worse make the run fail: warning or critical (default: ${DEFAULT-VALUE})."
                    + " Findings below it are still reported.")
    String failOn;

    @Option(names = "--previous", paramLabel = "DIR",
            description = "An earlier run's report directory (or its pgwarden.json): every report marks each finding new or known.")
    Path previous;

    @Option(names = "--fail-on-new",
            description = "With --previous: only new findings at or above --fail-on fail the run; known ones are still reported.")
    boolean failOnNew;

    @Option(names = "--allure-history", paramLabel = "DIR",
            description = "With the allure format: the previous Allure report (or its history/), so the trend graphs go on from it.")
    Path allureHistory;

    @Option(names = "--exit-codes", paramLabel = "STYLE", defaultValue = "default",
            description = "default (0 ok, 1 failed, 2 usage, 3 unreachable) or nagios (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).")
    String exitCodes;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Longest a single query may run (default: ${DEFAULT-VALUE}).")
    String statementTimeout;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Longest a query waits for a lock (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Longest to wait for the connection (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = "--verbose", description = "Show stack traces of errors.")
    boolean verbose;

    private Path probeFile;

    @Override
    public Integer call() {
        if (targets != null) {
            return checkFleet();
        }
        if (shard != null) {
            return fail(spec.commandLine().getErr(), new IllegalArgumentException("--shard slices a fleet: give --targets FILE"), ExitCodes.USAGE);
        }
        // Connecting takes about as long as reading the rules: both at once. A user's rule files are compiled
        // first, so that their mistakes are reported before anything connects.
        if (rules == null) {
            new RunPlanner(System.getenv()).openSessionAhead(configuration()::get);
        }
        try {
            return checkTarget();
        } finally {
            SessionsOpenedAhead.closeUntaken();
        }
    }

    private int checkTarget() {
        PrintWriter err = spec.commandLine().getErr();
        ExitCodes.Style style = ExitCodes.Style.of(spec.commandLine().getParseResult().expandedArgs());
        ReportFormats reports;
        RunPlan plan;
        Severity bar;
        try {
            style = ExitCodes.Style.parse(exitCodes);
            bar = failOnSeverity();
            reports = ReportFormats.parse(formats, reportDir, spec.commandLine().getParseResult().hasMatchedOption("--format"),
                    new RunProperties(VersionProvider.version(), suite)).comparedWith(previousRun())
                    .allureFrom(System.getenv(), allureHistory);
            probeFile = ProbeInput.validated(probe, probeMap);
            plan = new RunPlanner(System.getenv()).plan(configuration()::get);
            CustomFactPreflight.describe(plan);
            announceUserRules(err);
        } catch (RuleLoadException | TargetConfigException | IllegalArgumentException | ProbeFormatException e) {
            return fail(err, e, ExitCodes.usage(style));
        }
        List<TestExecutionListener> listeners = new ArrayList<>(reports.listeners());
        Map<String, String> configuration = configuration();
        configuration.putAll(reports.configuration());
        RunSummary run = new CheckLauncher().run(plan.target().describe(), plan, configuration, listeners);
        try {
            reports.write(run, spec.commandLine().getOut(), bar);
        } catch (java.io.IOException e) {
            err.println("pgwarden: cannot write reports to " + reportDir + ": " + e.getMessage());
            return ExitCodes.usage(style);
        }
        if (run.targetFailed()) {
            err.println("pgwarden: " + run.targetFailure());
        }
        return ExitCodes.of(failOnNew ? reports.previous().onlyNew(run) : run, bar, style);
    }

    /** The run --previous names, read before anything connects; none without it. */
    private PreviousRun previousRun() {
        if (failOnNew && previous == null) {
            throw new IllegalArgumentException("--fail-on-new judges what is new since an earlier run: give --previous DIR");
        }
        return previous == null ? PreviousRun.NONE : PreviousRun.read(previous);
    }

    private Severity failOnSeverity() {
        try {
            return Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--fail-on " + failOn + ": must be 'warning' or 'critical'", e);
        }
    }

    private int checkFleet() {
        PrintWriter err = spec.commandLine().getErr();
        if (connection.url != null) {
            return fail(err, new IllegalArgumentException("--url and --targets: give one or the other"), ExitCodes.USAGE);
        }
        ReportFormats reports;
        FleetRun fleet;
        List<String> descriptions;
        Severity bar;
        try {
            bar = failOnSeverity();
            if (failOnNew) {
                throw new IllegalArgumentException("--fail-on-new judges one target: for a fleet, compare the reports with 'pgwarden diff'");
            }
            reports = ReportFormats.parse(formats, reportDir, spec.commandLine().getParseResult().hasMatchedOption("--format"),
                    new RunProperties(VersionProvider.version(), suite)).comparedWith(previousRun())
                    .allureFrom(System.getenv(), allureHistory);
            probeFile = ProbeInput.validated(probe, probeMap);
            fleet = new FleetRun(TargetsFile.read(targets), configuration(), parallel,
                    shard == null ? null : Shard.parse(shard, System.getenv()));
            descriptions = fleet.plan(System.getenv());
            announceUserRules(err);
        } catch (RuleLoadException | TargetConfigException | IllegalArgumentException | ProbeFormatException e) {
            return fail(err, e, ExitCodes.USAGE);
        }
        try {
            return fleet.run(descriptions, reports, reportDir, bar, spec.commandLine().getOut(), err);
        } catch (java.io.IOException e) {
            err.println("pgwarden: cannot write reports to " + reportDir + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Users should see which of their rules were compiled (rather than loaded compiled) and what they replaced. */
    private void announceUserRules(PrintWriter err) throws RuleLoadException {
        if (rules != null) {
            dev.pgwarden.rules.RuleCatalog.builtIn().overlay(rules).notes().forEach((check, note) -> err.println(
                    dev.pgwarden.rules.RuleCompiler.compiledFromDrl(check) ? "pgwarden: compiled " + note
                            : dev.pgwarden.rules.RuleCompiler.has(check)
                                    ? "pgwarden: " + note + " (compiled before: loaded from the compiled-rule cache)"
                                    : "pgwarden: " + note + " (not selected, so not compiled)"));
        }
    }

    private Map<String, String> configuration() {
        Map<String, String> configuration = new LinkedHashMap<>();
        if (connection.url != null) {
            configuration.put(Constants.URL, connection.url);
        }
        configuration.put(Constants.SUITE, suite);
        configuration.put(Constants.CHECKS, String.join(",", checks));
        configuration.put(Constants.SET, String.join(";", overrides));
        configuration.put(Constants.STATEMENT_TIMEOUT, statementTimeout);
        configuration.put(Constants.LOCK_TIMEOUT, lockTimeout);
        configuration.put(Constants.CONNECT_TIMEOUT, connectTimeout);
        configuration.put(Constants.EXPLAIN_ANALYZE, explainAnalyzeMode());
        if (probeFile != null) {
            configuration.put(Constants.PROBE, probeFile.toString());
        }
        if (baseline != null) {
            configuration.put(Constants.BASELINE, baseline.toString());
        }
        if (rules != null) {
            configuration.put(Constants.RULES, rules.toString());
        }
        if (targetVersion != null) {
            configuration.put(Constants.TARGET_VERSION, targetVersion);
        }
        if (probeMap != null) {
            configuration.put(Constants.PROBE_MAP, probeMap);
        }
        configuration.put(Constants.PLATFORM, platform);
        return configuration;
    }

    private String explainAnalyzeMode() {
        if (explainAnalyzeOnPrimary && !explainAnalyze) {
            throw new IllegalArgumentException("--explain-analyze-on-primary widens --explain-analyze: give both");
        }
        return !explainAnalyze ? "off" : explainAnalyzeOnPrimary ? "anywhere" : "standby";
    }

    private int fail(PrintWriter err, Exception e, int code) {
        // A DRL with several mistakes reports one per line; the error stays one line that scripts can match.
        err.println("pgwarden: " + String.join("; ", String.valueOf(e.getMessage()).lines().toList()));
        if (verbose) {
            e.printStackTrace(err);
        }
        return code;
    }
}
