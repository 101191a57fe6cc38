package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.cli.ProbeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Usage and host problems end with exit 2 and one line on stderr, before bpftrace is started. */
class ProbeCommandTest {

    @TempDir
    static Path empty;

    record Run(int exitCode, String out, String err) {
    }

    static Run probe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ProbeCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--duration 5x --postmaster-pid 1 | pgwarden: --duration: '5x' is not a duration; use a whole number"
                    + " with us, ms, s or min, e.g. 30s or 2min",
            "--duration 500us --postmaster-pid 1 | pgwarden: --duration: '500us' is too short; trace for at least 1ms",
            "--duration 2min | pgwarden: give exactly one of --postmaster-pid PID or --data-dir DIR",
            "--postmaster-pid 1 --data-dir /tmp | pgwarden: give exactly one of --postmaster-pid PID or --data-dir DIR",
            "--postmaster-pid 0 | pgwarden: postmaster pid must be positive, was 0",
            "--postmaster-pid 2147483647 | pgwarden: no process 2147483647 is running",
            "--signals reads,locks --postmaster-pid 1 | pgwarden: --signals: unknown signal 'locks'; the probe traces"
                    + " reads, statements, lock_waits, lwlock_waits, relation_reads",
    })
    void usageProblemsAreOneLineWithExitTwo(String args, String message) {
        Run run = probe(args.strip().split(" "));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(message + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"--postmaster-pid", "--data-dir"})
    void notAPostmasterIsOneLineWithExitTwo(String option) {
        String value = option.equals("--data-dir") ? empty.toString() : Long.toString(ProcessHandle.current().pid());

        Run run = probe(option, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("pgwarden: ").doesNotContain("Exception").hasLineCount(1);
    }

    @ParameterizedTest
    @CsvSource({"--verbose"})
    void verboseAddsTheStackTrace(String flag) {
        Run run = probe(flag, "--postmaster-pid", "2147483647");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("pgwarden: no process 2147483647 is running")
                .contains("ProbeEnvironmentException");
    }
}
