package dev.pgwarden.dist;

import dev.pgwarden.cli.Main;
import dev.pgwarden.results.PgwardenVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build step of the distribution: shell completion (picocli's {@link AutoComplete}; the script runs in bash,
 * and in zsh through its bashcompinit) and a man page in roff, both from the command line's picocli model,
 * so they list exactly the commands and options pgwarden accepts.
 */
public final class CommandDocs {

    private CommandDocs() {
    }

    public static void main(String[] args) throws IOException {
        CommandLine model = Main.model();
        write(Path.of(args[0]), AutoComplete.bash("pgwarden", model));
        write(Path.of(args[1]), manPage(model, PgwardenVersion.current()));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String manPage(CommandLine model, PgwardenVersion version) {
        StringBuilder man = new StringBuilder();
        man.append(".TH PGWARDEN 1 \"\" \"").append(escape(version.describe())).append("\" \"User Commands\"\n");
        man.append(".SH NAME\npgwarden \\- PostgreSQL health checks as a test suite\n");
        man.append(".SH SYNOPSIS\n.B pgwarden\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n.br\n.B pgwarden\n[\\fB\\-h\\fR|\\fB\\-V\\fR]\n");
        man.append(".SH DESCRIPTION\n").append(escape(String.join(" ", model.getCommandSpec().usageMessage().description()))).append('\n');
        man.append(".SH COMMANDS\n");
        model.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                command(man, sub.getCommandSpec());
            }
        });
        man.append(".SH OPTIONS\n");
        model.getCommandSpec().options().forEach(option -> option(man, option));
        man.append(".SH ENVIRONMENT\n");
        environment(man, "PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE, PGPASSFILE",
                "Where and how to connect when no --url is given, as for psql.");
        environment(man, "JAVA_OPTS", "More options for the Java runtime, after pgwarden's own.");
        environment(man, "JOB_COMPLETION_INDEX", "With check --shard N: the slice to check, as a Kubernetes Indexed Job sets it.");
        environment(man, "XDG_CACHE_HOME", "The cache directory (default: ~/.cache): compiled rules, the demo's PostgreSQL.");
        man.append(".SH EXIT STATUS\n0 healthy, 1 a check failed, 2 bad input, 3 unreachable; with \\fB\\-\\-exit\\-codes nagios\\fR: ")
                .append("0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n");
        man.append(".SH SEE ALSO\n\\fBpsql\\fR(1); \\fBpgwarden list\\fR and \\fBpgwarden explain\\fR \\fIID\\fR for the checks.\n");
        return man.toString();
    }

    private static void command(StringBuilder man, CommandSpec spec) {
        man.append(".SS \"").append(escape(spec.qualifiedName())).append("\"\n");
        man.append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (!parameter.hidden()) {
                man.append(".TP\n\\fI").append(escape(parameter.paramLabel())).append("\\fR\n")
                        .append(escape(String.join(" ", parameter.description()))).append('\n');
            }
        }
        spec.options().forEach(option -> option(man, option));
    }

    private static void option(StringBuilder man, OptionSpec option) {
        if (option.hidden()) {
            return;
        }
        man.append(".TP\n");
        String[] names = option.names();
        for (int i = 0; i < names.length; i++) {
            man.append(i == 0 ? "" : ", ").append("\\fB").append(escape(names[i])).append("\\fR");
        }
        if (option.typeInfo().isBoolean() && option.arity().max() == 0) {
            man.append('\n');
        } else {
            man.append(" \\fI").append(escape(option.paramLabel())).append("\\fR\n");
        }
        man.append(escape(String.join(" ", option.description()))).append('\n');
    }

    private static void environment(StringBuilder man, String names, String text) {
        man.append(".TP\n\\fB").append(escape(names)).append("\\fR\n").append(escape(text)).append('\n');
    }

    /** Text as roff prints it: backslashes and hyphens escaped, no line taken for a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.lines().map(line -> line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line)
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
