package dev.pgwarden.cli;

import dev.pgwarden.engine.BaselineSaver;
import dev.pgwarden.probe.ProbeFormatException;
import dev.pgwarden.rules.Quantity;
import dev.pgwarden.connection.SessionOptions;
import dev.pgwarden.connection.TargetConfigException;
import dev.pgwarden.connection.TargetUnreachableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgwarden baseline save}: records the values a later {@code check --baseline} compares against. */
@Command(name = "baseline", mixinStandardHelpOptions = true, subcommands = BaselineCommand.Save.class,
        description = "Save measured values (before an upgrade, say) for 'check --baseline FILE' to compare against.")
final class BaselineCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a subcommand: save");
    }

    @Command(name = "save", mixinStandardHelpOptions = true, description = "Measure the target now and write a baseline file.")
    static final class Save implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the baseline (JSON).")
        Path out;

        @Option(names = "--probe", paramLabel = "FILE", description = "Host probe output whose read-latency percentiles to keep too.")
        String probe;

        @Option(names = "--probe-map", paramLabel = "NAME", description = "Which histogram of the probe output.")
        String probeMap;

        @Option(names = "--top-statements", paramLabel = "N", defaultValue = "" + BaselineSaver.DEFAULT_TOP_STATEMENTS,
                description = "How many pg_stat_statements statements, by total time, to keep with their plans (default: ${DEFAULT-VALUE}).")
        int topStatements;

        @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "10s", description = "Longest a query may run.")
        String statementTimeout;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path probeFile = ProbeInput.validated(probe, probeMap);
                var target = connection.resolve();
                SessionOptions defaults = SessionOptions.defaults();
                SessionOptions options = new SessionOptions(Quantity.duration(statementTimeout),
                        defaults.lockTimeout(), defaults.connectTimeout());
                if (topStatements < 0) {
                    throw new IllegalArgumentException("--top-statements must be 0 or more, not " + topStatements);
                }
                BaselineSaver.Saved saved = new BaselineSaver().save(target, options, probeFile, probeMap, out, topStatements);
                spec.commandLine().getOut().printf("saved %d measurements and %d statements (%d with a plan) of %s to %s%n",
                        saved.measurements(), saved.statements(), saved.planned(), target.describe(), out);
                if (saved.statementsNote() != null) {
                    spec.commandLine().getOut().println("no statements: " + saved.statementsNote());
                }
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            } catch (TargetConfigException | IllegalArgumentException | ProbeFormatException e) {
                err.println("pgwarden: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (TargetUnreachableException e) {
                err.println("pgwarden: " + e.getMessage());
                return ExitCodes.UNREACHABLE;
            } catch (SQLException | IOException e) {
                err.println("pgwarden: cannot save the baseline: " + e.getMessage());
                return ExitCodes.CHECK_FAILED;
            }
        }
    }
}
