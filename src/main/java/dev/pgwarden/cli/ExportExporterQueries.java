package dev.pgwarden.cli;

import dev.pgwarden.export.ExporterQueries;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pgwarden export postgres-exporter-queries}: the checks' measures as postgres_exporter custom queries. */
@Command(name = "postgres-exporter-queries", mixinStandardHelpOptions = true,
        description = "A queries.yaml for postgres_exporter --extend.query-path: each measure read with SQL, named as in pgwarden.prom.")
final class ExportExporterQueries implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExportSelection selection;

    @Mixin
    ServerMajorOption server;

    @Override
    public Integer call() {
        return selection.run(spec, () -> {
            var checks = selection.select(selection.loadSuite(), selection.checks);
            ExporterQueries.Export export = new ExporterQueries().render(checks, server.serverMajor);
            selection.write(spec, export.yaml());
            selection.sayLeftOut(spec, export.leftOut());
        });
    }
}
