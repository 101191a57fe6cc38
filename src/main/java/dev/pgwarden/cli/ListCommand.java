package dev.pgwarden.cli;

import dev.pgwarden.rules.CheckDefinition;
import dev.pgwarden.rules.ChecksDocument;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.RuleLoadException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code pgwarden list}: every check with its title, severity, parameters and defaults. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the checks with their parameters and defaults.")
final class ListCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--markdown", description = "Print the full reference as Markdown (docs/checks.md).")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RuleCatalog catalog = RuleCatalog.builtIn();
            if (markdown) {
                out.print(new ChecksDocument().render(catalog));
                out.flush();
                return ExitCodes.OK;
            }
            // The longest id sets the column, so titles line up however long a user's check ids are.
            int width = catalog.ids().stream().mapToInt(String::length).max().orElse(0);
            for (CheckDefinition check : catalog.all()) {
                var metadata = check.metadata();
                out.printf("%-" + width + "s %-8s %s%n", metadata.id(), metadata.severity().label(), metadata.title());
                metadata.parameters().forEach((name, p) -> out.printf("    %-22s default %-12s %s (%s)%n",
                        name, p.defaultValue(), p.meaning(), p.unit()));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (RuleLoadException e) {
            spec.commandLine().getErr().println("pgwarden: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
