package dev.pgwarden.cli;

import dev.pgwarden.rules.CheckDefinition;
import dev.pgwarden.rules.ChecksDocument;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.SuiteLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code pgwarden list}: every check with its title, severity, parameters and defaults, then the built-in suites. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the checks with their parameters and defaults, and the built-in suites with their checks.")
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
            printSuites(out);
            out.flush();
            return ExitCodes.OK;
        } catch (RuleLoadException | IOException e) {
            spec.commandLine().getErr().println("pgwarden: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static void printSuites(PrintWriter out) throws RuleLoadException, IOException {
        SuiteLoader suites = new SuiteLoader();
        List<String> names = suites.builtInNames();
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        out.printf("%nsuites (--suite NAME)%n");
        for (String name : names) {
            out.printf("    %-" + width + "s %s%n", name, String.join(", ", suites.load(name).checks().keySet()));
        }
    }
}
