package dev.pgwarden.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgwarden export KIND}: the checks' thresholds and remediation for the systems that page people. Each
 * kind is a subcommand, since each takes options of its own (a baseline, a target URL).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        subcommands = {ExportPrometheusRules.class, ExportExporterQueries.class, ExportDatadog.class, ExportRunbook.class},
        description = "Write the checks' thresholds for other systems: prometheus-rules, postgres-exporter-queries, datadog;"
                + " runbook runs them and writes a page per finding.")
final class ExportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a kind: prometheus-rules, postgres-exporter-queries, datadog or runbook");
    }
}
