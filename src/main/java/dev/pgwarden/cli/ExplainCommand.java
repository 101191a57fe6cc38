package dev.pgwarden.cli;

import dev.pgwarden.engine.RunPlanner;
import dev.pgwarden.rules.CheckMetadata;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.RuleLoadException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgwarden explain ID}: what a check looks at and decides, and what it tells you to run. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a check: what it looks at, its rule, parameters with defaults, remediation and rollback, references.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The check id (see 'pgwarden list').")
    String id;

    @Option(names = "--rules", paramLabel = "DIR", description = "Your own checks, to explain one of them.")
    Path rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RuleCatalog catalog = RunPlanner.catalog(rules == null ? null : rules.toString());
            var check = catalog.find(id).orElseThrow(() -> new RuleLoadException(
                    "unknown check '" + id + "' (known: " + String.join(", ", catalog.ids()) + ")"));
            CheckMetadata m = check.metadata();
            out.printf("%s: %s%n(%s, %s)%n%n%s%n%n", m.id(), m.title(), m.category(), m.severity().label(), m.description().strip());
            if (!m.facts().isEmpty()) {
                out.println("Reads: " + String.join(", ", m.facts()) + " (SQL in the jar under sql/<fact>.sql)");
            }
            m.customFacts().forEach((name, fact) -> {
                out.println("Reads its own fact " + name + " (" + fact.origin().fact() + "), columns "
                        + fact.columns().entrySet().stream().map(c -> c.getKey() + " " + c.getValue().typeName())
                                .collect(java.util.stream.Collectors.joining(", ")) + ":");
                fact.sql().strip().lines().forEach(line -> out.println("  " + line));
            });
            out.println();
            out.println("Rule (" + check.drlSource() + "):");
            check.drl().lines().forEach(line -> out.println("  " + line));
            out.println();
            out.println("Parameters:");
            m.parameters().forEach((name, p) -> out.printf("  %-22s %-10s default %-12s %s (%s)%n",
                    name, p.type().name().toLowerCase(java.util.Locale.ROOT), p.defaultValue(), p.meaning(), p.unit()));
            m.findings().forEach((kind, t) -> {
                out.println();
                out.println("Finding '" + kind + "'" + (t.severity() == null ? "" : " (" + t.severity() + ")") + ":");
                out.println("  remediation:");
                t.remediation().lines().forEach(line -> out.println("    " + line));
                out.println("  rollback:");
                t.rollback().lines().forEach(line -> out.println("    " + line));
            });
            out.println();
            out.println("References:");
            m.references().forEach(r -> out.println("  " + r));
            out.flush();
            return ExitCodes.OK;
        } catch (RuleLoadException e) {
            spec.commandLine().getErr().println("pgwarden: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
