package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.PgwardenVersion;
import org.junit.jupiter.api.Test;

/** {@code --version} names the version and the commit, on the command and on each subcommand. */
class VersionOptionTest {

    @Test
    void printsVersionAndCommit() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(PgwardenVersion.current().describe())
                .matches("pgwarden \\S+ \\(commit \\S+\\)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void subcommandsPrintTheSame() {
        assertThat(CommandLineRun.of("check", "--version").out().strip()).isEqualTo(PgwardenVersion.current().describe());
    }
}
