package dev.pgwarden.cli;

import dev.pgwarden.engine.RunPlanner;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.rules.Suite;
import dev.pgwarden.rules.SuiteLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every export shares: which checks with which parameters (as {@code check} takes them), and where to write. */
final class ExportSelection {

    @Option(names = "--suite", paramLabel = "NAME|FILE", defaultValue = "default",
            description = "Built-in suite name or YAML file (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--check", paramLabel = "ID", description = "Export only this check (repeatable).")
    List<String> checks = new ArrayList<>();

    @Option(names = "--set", paramLabel = "CHECK.PARAM=VALUE", description = "Override a parameter (repeatable), as 'check' does.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "DIR", description = "Your own checks (<id>.drl + <id>.yaml), exported beside the suite's.")
    Path rules;

    @Option(names = "--out", paramLabel = "PATH",
            description = "Write here instead of standard output: a file, or for runbook a directory (default: runbook/).")
    Path out;

    /** An export's own work, which may meet bad input (rules, suite, --set) or fail to write. */
    @FunctionalInterface
    interface Export {
        void run() throws RuleLoadException, IOException;
    }

    /** Runs an export the way every export ends: bad input or a file it cannot write is one line and exit 2. */
    int run(CommandSpec spec, Export export) {
        try {
            export.run();
            return ExitCodes.OK;
        } catch (RuleLoadException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("pgwarden: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("pgwarden: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    Suite loadSuite() throws RuleLoadException {
        return new SuiteLoader().load(suite);
    }

    List<SelectedCheck> select(Suite loaded, List<String> only) throws RuleLoadException {
        return RunPlanner.selectChecks(rules == null ? null : rules.toString(), loaded, only, String.join(";", overrides));
    }

    /** Names on stderr the measures an export could not carry, since no SQL reads them (a host probe's). */
    void sayLeftOut(CommandSpec spec, List<String> leftOut) {
        if (!leftOut.isEmpty()) {
            spec.commandLine().getErr().println("pgwarden: not read with SQL, so left out: " + String.join(", ", leftOut));
        }
    }

    void write(CommandSpec spec, String text) throws IOException {
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
    }
}
