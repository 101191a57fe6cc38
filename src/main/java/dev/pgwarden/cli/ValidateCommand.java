package dev.pgwarden.cli;

import dev.pgwarden.engine.RunPlanner;
import dev.pgwarden.rules.CheckDefinition;
import dev.pgwarden.rules.CheckSelector;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.RuleCompiler;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.Suite;
import dev.pgwarden.rules.SuiteLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden validate}: compiles rules and checks a suite without any database. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile the rules (built-in and --rules DIR) and check a suite, without a database. Exit 0 valid, 2 not.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "Your own checks (<id>.drl + <id>.yaml).")
    Path rules;

    @Option(names = "--suite", paramLabel = "NAME|FILE", description = "Suite to check (default: ${DEFAULT-VALUE}).", defaultValue = "default")
    String suite;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RuleCatalog catalog = RunPlanner.catalog(rules == null ? null : rules.toString());
            RuleCompiler compiler = new RuleCompiler();
            for (CheckDefinition check : catalog.all()) {
                // Rules from the compiled-rule cache load in the background; 'compiled' means loaded too.
                compiler.compile(check).knowledgeBase();
            }
            Suite loaded = new SuiteLoader().load(suite);
            int selected = new CheckSelector(catalog, compiler).select(loaded, List.of(), Map.of()).size();
            out.printf("valid: %d checks compiled; suite '%s' (%s) selects %d checks with %d waivers%n",
                    catalog.all().size(), loaded.name(), loaded.source(), selected, loaded.waivers().size());
            out.flush();
            return ExitCodes.OK;
        } catch (RuleLoadException e) {
            spec.commandLine().getErr().println("pgwarden: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
