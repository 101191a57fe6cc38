package dev.pgwarden.cli;

import dev.pgwarden.export.ExporterQueries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden export postgres-exporter-queries}: the checks' measures as postgres_exporter custom queries. */
@Command(name = "postgres-exporter-queries", mixinStandardHelpOptions = true,
        description = "A queries.yaml for postgres_exporter --extend.query-path: each measure read with SQL, named as in pgwarden.prom.")
final class ExportExporterQueries implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExportSelection selection;

    @Option(names = "--server-major", paramLabel = "N", defaultValue = "17",
            description = "The PostgreSQL major the exporter watches, which picks each fact query's variant (default: ${DEFAULT-VALUE}).")
    int serverMajor;

    @Override
    public Integer call() {
        return selection.run(spec, () -> {
            var checks = selection.select(selection.loadSuite(), selection.checks);
            ExporterQueries.Export export = new ExporterQueries().render(checks, serverMajor);
            selection.write(spec, export.yaml());
            if (!export.leftOut().isEmpty()) {
                spec.commandLine().getErr().println("pgwarden: not read with SQL, so left out: " + String.join(", ", export.leftOut()));
            }
        });
    }
}
