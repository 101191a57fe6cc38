package dev.pgwarden.cli;

import dev.pgwarden.rules.RuleCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * pgwarden's commands, and what a command line needs of them before picocli parses it. Picocli builds a
 * command's model by reflection when it is added, which is most of its start-up time, so a command line that
 * names its command first gets only that one; any other (no command, an unknown one, help) gets them all.
 */
final class Subcommands {

    /** By the names their {@code @Command} gives them (reading those costs reflection too), in the order help lists them. */
    static final Map<String, Class<?>> ALL = orderedMap("check", CheckCommand.class, "list", ListCommand.class,
            "explain", ExplainCommand.class, "validate", ValidateCommand.class, "baseline", BaselineCommand.class,
            "export", ExportCommand.class, "merge", MergeCommand.class, "diff", DiffCommand.class, "waive", WaiveCommand.class, "demo", DemoCommand.class, "probe", ProbeCommand.class, "help", CommandLine.HelpCommand.class);
    private static final Set<String> READ_BUILT_IN_CHECKS = Set.of("check", "list", "explain", "validate", "baseline", "export");

    private Subcommands() {
    }

    static void addTo(CommandLine commandLine, String[] args) {
        String first = args.length == 0 ? "" : args[0];
        if (ALL.containsKey(first) && !first.equals("help")) {
            commandLine.addSubcommand(ALL.get(first));
        } else {
            ALL.values().forEach(commandLine::addSubcommand);
        }
    }

    /**
     * Reads the built-in checks while picocli sets itself up, when the command line will need them; for a check of
     * a built-in suite or of named checks without a rules directory of the user's, also what the run will judge
     * with. Only a plain {@code --suite NAME} or {@code --check ID} is looked at here: anything else just leaves
     * the reading to the run.
     */
    static void prepare(String[] args) {
        List<String> given = List.of(args);
        boolean helpOnly = given.contains("-h") || given.contains("--help") || given.contains("-V") || given.contains("--version");
        if (given.isEmpty() || !READ_BUILT_IN_CHECKS.contains(given.get(0)) || helpOnly) {
            return;
        }
        List<String> suites = values(given, "--suite");
        if (given.get(0).equals("check") && values(given, "--rules").isEmpty() && suites.size() <= 1
                && suites.stream().noneMatch(s -> s.contains("/") || s.endsWith(".yaml") || s.endsWith(".yml"))) {
            RuleCatalog.readBuiltInInBackground(suites.isEmpty() ? null : suites.get(0), values(given, "--check"));
        } else {
            RuleCatalog.readBuiltInInBackground();
        }
    }

    /** The values given to an option, as {@code --name value} or {@code --name=value}. */
    static List<String> values(List<String> args, String option) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(option) && i + 1 < args.size()) {
                values.add(args.get(++i));
            } else if (arg.startsWith(option + "=")) {
                values.add(arg.substring(option.length() + 1));
            }
        }
        return values;
    }

    private static Map<String, Class<?>> orderedMap(Object... namesAndCommands) {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        for (int i = 0; i < namesAndCommands.length; i += 2) {
            commands.put((String) namesAndCommands[i], (Class<?>) namesAndCommands[i + 1]);
        }
        return Collections.unmodifiableMap(commands);
    }
}
