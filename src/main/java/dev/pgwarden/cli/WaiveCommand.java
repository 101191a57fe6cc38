package dev.pgwarden.cli;

import dev.pgwarden.report.ReportInput;
import dev.pgwarden.report.WaiverFile;
import dev.pgwarden.results.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden waive --from DIR}: a suite file waiving each finding of a run, one waiver per object, until a required date. */
@Command(name = "waive", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a suite file with the checks and parameters of a run and one waiver per failing object (never a wildcard),"
                + " to adopt pgwarden on a database with a backlog and burn the list down.")
final class WaiveCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The run's report directory (or its pgwarden.json).")
    Path from;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why the findings are accepted, written into every waiver.")
    String reason;

    @Option(names = "--expires", required = true, paramLabel = "DATE", description = "When the waivers end, such as 2027-03-31; after it the findings fail again.")
    String expires;

    @Option(names = "--owner", paramLabel = "NAME", description = "Who answers for the waivers.")
    String owner;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "waived", description = "The written suite's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the suite here instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("--reason must say why the findings are accepted");
            }
            LocalDate until = date();
            List<RunSummary> runs = ReportInput.read(from);
            WaiverFile.Written written = new WaiverFile(reason, until, owner).of(runs, name);
            written.leftOut().forEach(object -> err.println("pgwarden: waive: not waived, its name holds a glob character: " + object));
            if (out == null) {
                spec.commandLine().getOut().print(written.yaml());
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, written.yaml(), StandardCharsets.UTF_8);
                spec.commandLine().getOut().printf("pgwarden: wrote %d waiver(s) to %s%n", written.waivers(), out);
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("pgwarden: waive: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("pgwarden: waive: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private LocalDate date() {
        LocalDate until;
        try {
            until = LocalDate.parse(expires.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--expires " + expires + ": expected a date such as 2027-03-31");
        }
        if (until.isBefore(LocalDate.now())) {
            throw new IllegalArgumentException("--expires " + expires + ": the date has passed; waivers are for findings accepted until later");
        }
        return until;
    }
}
