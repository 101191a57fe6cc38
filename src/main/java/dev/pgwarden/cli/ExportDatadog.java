package dev.pgwarden.cli;

import dev.pgwarden.export.DatadogConfig;
import dev.pgwarden.connection.TargetConfigException;
import dev.pgwarden.connection.UrlEndpoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden export datadog}: the checks' measures as custom queries of the Datadog Agent's postgres integration. */
@Command(name = "datadog", mixinStandardHelpOptions = true,
        description = "A postgres.d/conf.yaml for the Datadog Agent: each measure read with SQL a custom query, named as in pgwarden.prom with dots (pgwarden.xid_age.max).")
final class ExportDatadog implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExportSelection selection;

    @Mixin
    ServerMajorOption server;

    @Option(names = "--url", paramLabel = "URL",
            description = "Host, port, database and user for the instance (placeholders without it); a password in it is never written.")
    String url;

    @Option(names = "--password-secret", paramLabel = "NAME", defaultValue = "pgwarden_postgres_password",
            description = "The Agent's secret holding the password, written as ENC[NAME] (default: ${DEFAULT-VALUE}).")
    String passwordSecret;

    @Override
    public Integer call() {
        return selection.run(spec, () -> {
            DatadogConfig.Instance instance = instance();
            var checks = selection.select(selection.loadSuite(), selection.checks);
            DatadogConfig.Export export = new DatadogConfig().render(checks, server.serverMajor, instance);
            selection.write(spec, export.yaml());
            selection.sayLeftOut(spec, export.leftOut());
        });
    }

    /** What the URL says, placeholders for what it does not; the Agent's own default port. */
    private DatadogConfig.Instance instance() {
        UrlEndpoint endpoint = new UrlEndpoint(null, null, null, null);
        if (url != null) {
            try {
                endpoint = UrlEndpoint.of(url);
            } catch (TargetConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new DatadogConfig.Instance(orElse(endpoint.host(), "<HOST>"), endpoint.port() == null ? 5432 : endpoint.port(),
                orElse(endpoint.database(), "<DBNAME>"), orElse(endpoint.user(), "<USERNAME>"), passwordSecret);
    }

    private static String orElse(String value, String placeholder) {
        return value == null ? placeholder : value;
    }
}
