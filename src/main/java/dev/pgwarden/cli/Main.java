package dev.pgwarden.cli;

import dev.pgwarden.results.CommandName;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar pgwarden.jar}. */
@Command(name = "pgwarden", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "PostgreSQL health checks as a test suite: exit 0 healthy, 1 a check failed, 2 bad input, 3 unreachable.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Not System.out's own encoder, which writes '?' for what the console's charset cannot encode.
        Charset console = ConsoleCharset.of(System.getenv(), System.getProperties());
        System.exit(run(args, ConsoleWriter.open(new FileOutputStream(FileDescriptor.out), console),
                ConsoleWriter.open(new FileOutputStream(FileDescriptor.err), console)));
    }

    /** Runs one command line and returns its exit code; tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Subcommands.prepare(args);
        CommandLine commandLine = new CommandLine(new Main());
        // Before the settings below: picocli passes them on only to the subcommands it already has.
        Subcommands.addTo(commandLine, args);
        // '--version' of a subcommand answers as the command's does.
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new VersionProvider()));
        commandLine.setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(e -> ExitCodes.USAGE)
                .setParameterExceptionHandler(Main::onBadUsage)
                .setExecutionExceptionHandler(Main::onUnexpected);
        return commandLine.execute(args);
    }

    /** The whole command model, every subcommand included, as the man page and shell completion describe it. */
    public static CommandLine model() {
        CommandLine commandLine = new CommandLine(new Main());
        Subcommands.ALL.values().forEach(commandLine::addSubcommand);
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: check, list, explain, validate, baseline, export, merge, demo, probe or help");
    }

    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        // One line, like every other pgwarden error, so scripts can show or match it as it is.
        String command = e.getCommandLine().getCommandSpec().qualifiedName().replaceFirst("^pgwarden ?", "");
        err.println("pgwarden: " + e.getMessage() + " (try '" + CommandName.of(command.isEmpty() ? "--help" : command + " --help") + "')");
        return ExitCodes.usage(ExitCodes.Style.of(java.util.List.of(args)));
    }

    private static int onUnexpected(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("pgwarden: unexpected error: " + e);
        if (parseResult.expandedArgs().contains("--verbose")) {
            e.printStackTrace(err);
        }
        return ExitCodes.usage(ExitCodes.Style.of(parseResult.expandedArgs()));
    }
}
