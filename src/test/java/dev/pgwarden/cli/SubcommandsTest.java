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

    @Test
    void theSuiteAndChecksReadAheadAreThoseTheCommandLineNames() {
        java.util.List<String> args = java.util.List.of("check", "--url", "postgresql://db/app", "--suite", "ci-gate", "--check=xid-age",
                "--check", "invalid-indexes", "--suite");
        assertThat(Subcommands.values(args, "--suite")).containsExactly("ci-gate");
        assertThat(Subcommands.values(args, "--check")).containsExactly("xid-age", "invalid-indexes");
        assertThat(Subcommands.values(args, "--rules")).isEmpty();
    }

    @Test
    void readingAheadChangesNothingARunSees() {
        // A suite file, a missing suite and named checks: the run reads and reports them as it would have.
        Subcommands.prepare(new String[] {"check", "--suite", "no-such-suite"});
        assertThat(CommandLineRun.of("check", "--suite", "no-such-suite", "--url", "postgresql://localhost:1/x").failedWith(2).errorLine())
                .startsWith("pgwarden: no suite named 'no-such-suite'");
        Subcommands.prepare(new String[] {"check", "--check", "no-such-check"});
        assertThat(CommandLineRun.of("check", "--check", "no-such-check", "--url", "postgresql://localhost:1/x").failedWith(2).errorLine())
                .contains("unknown check 'no-such-check'");
    }
}
