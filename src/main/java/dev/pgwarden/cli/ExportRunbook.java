package dev.pgwarden.cli;

import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.engine.RunPlan;
import dev.pgwarden.engine.RunPlanner;
import dev.pgwarden.export.Runbook;
import dev.pgwarden.export.RunbookDirectory;
import dev.pgwarden.export.VerifyCommand;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.rules.MeasureSpec;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.rules.Suite;
import dev.pgwarden.connection.TargetConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden export runbook}: runs the checks as {@code check} does and writes a page per finding. */
@Command(name = "runbook", mixinStandardHelpOptions = true,
        description = "Run the checks against --url and write into --out (default: runbook/) one Markdown page per finding"
                + " (what was seen, why it matters, SQL to confirm, remediation, verify command, rollback, alert, follow-up date)"
                + " and an index.md. Exit 0 when written, 2 on bad input or an --out holding other files, 3 when the target is unreachable.")
final class ExportRunbook implements Callable<Integer> {

    private static final String REGRESSION_CHECK = "baseline-regression";
    private static final int FOLLOW_UP_DAYS = 30;
    private static final String DEFAULT_OUT = "runbook";

    @Spec
    CommandSpec spec;

    @Mixin
    ExportSelection selection;

    @Option(names = "--url", paramLabel = "URL", required = true, description = "JDBC URL or postgresql:// URI of the database to check.")
    String url;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Compare measurements with a baseline, as 'check --baseline' does.")
    Path baseline;

    private final Clock clock;

    ExportRunbook() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock today's date, from which each page's follow-up date is counted */
    ExportRunbook(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (selection.out == null) {
            selection.out = Path.of(DEFAULT_OUT);
        }
        int[] code = {ExitCodes.OK};
        int written = selection.run(spec, () -> {
            Suite suite = selection.loadSuite();
            List<SelectedCheck> checks = selection.select(suite, selection.checks);
            double regressionPct = selection.select(suite, List.of(REGRESSION_CHECK)).get(0).parameters().doubleValue("regression_pct");
            Map<String, String> configuration = configuration();
            RunPlan plan;
            try {
                plan = new RunPlanner(System.getenv()).plan(configuration::get);
            } catch (TargetConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            String target = plan.target().describe();
            RunSummary run = new CheckLauncher().run(target, plan, configuration, List.of());
            if (run.targetFailed()) {
                spec.commandLine().getErr().println("pgwarden: " + run.targetFailure());
                code[0] = ExitCodes.UNREACHABLE;
                return;
            }
            Map<String, Map<String, MeasureSpec>> measures = new LinkedHashMap<>();
            checks.forEach(c -> measures.put(c.id(), c.metadata().measures()));
            // The same TLS demand as the run's (from the URL or PGSSLMODE): describe() leaves the URL's parameters out,
            // but for a socket's directory (?host=...).
            String sslMode = plan.target().properties().get("sslmode");
            String verifyTarget = sslMode == null ? target : target + (target.contains("?") ? "&" : "?") + "sslmode=" + sslMode;
            VerifyCommand verify = new VerifyCommand(verifyTarget, selection.suite, selection.rules, selection.overrides);
            Runbook runbook = new Runbook(run, measures, verify, regressionPct, LocalDate.now(clock).plusDays(FOLLOW_UP_DAYS));
            Map<String, String> files = runbook.files();
            new RunbookDirectory(selection.out).write(files);
            spec.commandLine().getOut().printf("pgwarden: wrote %d page(s) and %s to %s%n", files.size() - 1, Runbook.INDEX, selection.out);
        });
        return written != ExitCodes.OK ? written : code[0];
    }

    private Map<String, String> configuration() {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(Constants.URL, url);
        configuration.put(Constants.SUITE, selection.suite);
        configuration.put(Constants.CHECKS, String.join(",", selection.checks));
        configuration.put(Constants.SET, String.join(";", selection.overrides));
        if (selection.rules != null) {
            configuration.put(Constants.RULES, selection.rules.toString());
        }
        if (baseline != null) {
            configuration.put(Constants.BASELINE, baseline.toString());
        }
        return configuration;
    }
}
