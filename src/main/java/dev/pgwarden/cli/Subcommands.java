package dev.pgwarden.cli;

import dev.pgwarden.rules.RuleCatalog;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * pgwarden's commands, and what a command line needs of them before picocli parses it. Picocli builds a
 * command's model by reflection when it is added, which is most of its start-up time, so a command line that
 * names its command first gets only that one; any other (no command, an unknown one, help) gets them all.
 */
final class Subcommands {

    /** In the order help lists them. */
    private static final List<Class<?>> ALL = List.of(CheckCommand.class, ListCommand.class, ExplainCommand.class,
            ValidateCommand.class, BaselineCommand.class, DemoCommand.class, ProbeCommand.class, CommandLine.HelpCommand.class);
    private static final Set<String> READ_BUILT_IN_CHECKS = Set.of("check", "list", "explain", "validate", "baseline");

    private Subcommands() {
    }

    static void addTo(CommandLine commandLine, String[] args) {
        String first = args.length == 0 ? "" : args[0];
        boolean named = !first.equals("help") && ALL.stream().anyMatch(command -> name(command).equals(first));
        for (Class<?> command : ALL) {
            if (!named || name(command).equals(first)) {
                commandLine.addSubcommand(command);
            }
        }
    }

    /** Reads the built-in checks while picocli sets itself up, when the command line will need them. */
    static void prepare(String[] args) {
        List<String> given = List.of(args);
        boolean helpOnly = given.contains("-h") || given.contains("--help") || given.contains("-V") || given.contains("--version");
        if (!given.isEmpty() && READ_BUILT_IN_CHECKS.contains(given.get(0)) && !helpOnly) {
            RuleCatalog.readBuiltInInBackground();
        }
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
