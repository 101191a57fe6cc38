package dev.pgwarden.cli;

import dev.pgwarden.export.AlertBound;
import dev.pgwarden.export.AlertBounds;
import dev.pgwarden.export.PrometheusRules;
import dev.pgwarden.facts.BaselineFile;
import dev.pgwarden.facts.BaselineValue;
import dev.pgwarden.results.CommandName;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.rules.Suite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden export prometheus-rules}: alerting rules for the series of {@code pgwarden.prom}. */
@Command(name = "prometheus-rules", mixinStandardHelpOptions = true,
        description = "Prometheus alerting rules for pgwarden.prom: each check failing, each measure past its thresholds"
                + " (after suite and --set), and with --baseline each measure more than regression_pct above its baseline.")
final class ExportPrometheusRules implements Callable<Integer> {

    private static final String REGRESSION_CHECK = "baseline-regression";

    @Spec
    CommandSpec spec;

    @Mixin
    ExportSelection selection;

    @Option(names = "--baseline", paramLabel = "FILE", description = "A baseline saved by 'pgwarden baseline save'.")
    Path baseline;

    @Override
    public Integer call() {
        return selection.run(spec, () -> {
            Suite suite = selection.loadSuite();
            List<SelectedCheck> checks = selection.select(suite, selection.checks);
            AlertBounds bounds = new AlertBounds();
            List<AlertBound> all = new ArrayList<>(bounds.thresholds(checks));
            if (baseline != null) {
                all.addAll(baselineBounds(suite, checks, bounds));
            }
            selection.write(spec, new PrometheusRules().render(checks, all));
        });
    }

    /** Bounds at regression_pct (suite and --set applied) above the saved values that a measure stands for. */
    private List<AlertBound> baselineBounds(Suite suite, List<SelectedCheck> checks, AlertBounds bounds) throws RuleLoadException {
        List<BaselineValue> saved = BaselineFile.read(baseline, CommandName.of("baseline save --out FILE"));
        SelectedCheck regression = selection.select(suite, List.of(REGRESSION_CHECK)).get(0);
        List<AlertBound> found = bounds.baseline(checks, saved, regression.parameters().doubleValue("regression_pct"),
                regression.severity() != null ? regression.severity() : regression.metadata().severity());
        Set<String> covered = new TreeSet<>();
        checks.forEach(c -> c.metadata().measures().values().forEach(m -> covered.add(String.valueOf(m.baseline()))));
        Set<String> uncovered = new TreeSet<>();
        saved.stream().map(BaselineValue::metric).filter(m -> !covered.contains(m)).forEach(uncovered::add);
        if (!uncovered.isEmpty()) {
            spec.commandLine().getErr().println("pgwarden: no series in pgwarden.prom stands for these baseline metrics, so no rule"
                    + " for them (check --baseline judges them): " + String.join(", ", uncovered));
        }
        return found;
    }
}
