package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Picocli gets only the command a command line names first; help and mistakes still see them all. */
class SubcommandsTest {

    private static final String[] COMMANDS = {"check", "list", "explain", "validate", "baseline", "demo", "probe", "help"};

    @Test
    void everyCommandIsKnownByItsOwnName() {
        Subcommands.ALL.forEach((name, command) ->
                assertThat(command.getAnnotation(picocli.CommandLine.Command.class).name()).isEqualTo(name));
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(CommandLineRun.of("--help").out()).contains(COMMANDS);
        assertThat(CommandLineRun.of("help").out()).contains(COMMANDS);
        assertThat(CommandLineRun.of("help", "explain").out()).startsWith("Usage: pgwarden explain");
    }

    @Test
    void aNamedCommandRunsAsItself() {
        assertThat(CommandLineRun.of("check", "--help").out()).startsWith("Usage: pgwarden check");
        assertThat(CommandLineRun.of("baseline", "save", "--help").out()).startsWith("Usage: pgwarden baseline save");
        assertThat(CommandLineRun.of("list").out()).contains("xid-age");
    }

    @Test
    void mistakesAreTheSame() {
        assertThat(CommandLineRun.of("frobnicate").failedWith(2).errorLine())
                .isEqualTo("pgwarden: Unmatched argument at index 0: 'frobnicate' (try 'pgwarden --help')");
        assertThat(CommandLineRun.of("check", "list").failedWith(2).errorLine())
                .isEqualTo("pgwarden: Unmatched argument at index 1: 'list' (try 'pgwarden check --help')");
        assertThat(CommandLineRun.of().failedWith(2).errorLine()).startsWith("pgwarden: give a command: check, list,");
    }
}
