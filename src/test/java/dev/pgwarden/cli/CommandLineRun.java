package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line: its exit code and everything it printed. */
public record CommandLineRun(int exitCode, String out, String err) {

    public static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLineRun(code, out.toString(), err.toString());
    }

    /** The run ended with {@code code} and said why in exactly one line on stderr, without a stack trace. */
    public CommandLineRun failedWith(int code) {
        assertThat(exitCode).as("exit code; stderr: %s; stdout: %s", err, out).isEqualTo(code);
        assertThat(err.lines().toList()).as("stderr").singleElement().asString().startsWith("pgwarden: ");
        assertThat(err).as("stderr").doesNotContain("\tat ").doesNotContain("Exception");
        return this;
    }

    public String errorLine() {
        return err.strip();
    }
}
