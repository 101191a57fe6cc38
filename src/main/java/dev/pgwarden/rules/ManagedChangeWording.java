package dev.pgwarden.rules;

import dev.pgwarden.facts.ServerSetting;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Platform;
import dev.pgwarden.results.ShellWord;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the ALTER SYSTEM statements of a finding's remediation and rollback as the managed service's own
 * change (a parameter group, database flags or a server parameter, with the provider's CLI), since managed
 * services refuse ALTER SYSTEM. Whether the instance must reboot comes from the setting's pg_settings.context
 * ({@code postmaster}); a RESET becomes setting the captured value back, the value the server had before the
 * change. Role and database level statements stay as they are: they work on managed services too.
 */
public final class ManagedChangeWording {

    // ALTER SYSTEM SET name = value; or ALTER SYSTEM RESET name; with the reload or restart note that follows it.
    private static final Pattern STATEMENT = Pattern.compile(
            "ALTER SYSTEM (SET|RESET) ([A-Za-z0-9_.]+)(?: = ([^;\\n]+))?;(?: (SELECT pg_reload_conf\\(\\);|-- then restart the server))?");
    private static final String RELOAD_SENTENCE = "takes effect on reload (SELECT pg_reload_conf()), without a restart";
    private static final String RESTART_SENTENCE = "needs a restart of the server (context postmaster): book a change window";
    // A remediation's own restart of a self-managed server (pending-restart): a managed instance is rebooted by its provider.
    private static final String PG_CTL_RESTART = "pg_ctl restart -D <data directory>  # or your service manager's restart";

    private final Platform platform;
    private final Function<String, ServerSetting> settings;

    /** @param settings the database-wide setting of a name (lower case), or null when unknown */
    public ManagedChangeWording(Platform platform, Function<String, ServerSetting> settings) {
        this.platform = platform;
        this.settings = settings;
    }

    public Finding reword(Finding finding) {
        if (!platform.managed()) {
            return finding;
        }
        return new Finding(finding.object(), finding.message(), finding.severity(),
                reword(finding.remediation()), reword(finding.rollback()), finding.evidence());
    }

    String reword(String text) {
        if (!platform.managed() || text.isEmpty()) {
            return text;
        }
        Matcher m = STATEMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(change(m.group(1), m.group(2), m.group(3), m.group(4))));
        }
        m.appendTail(out);
        return out.toString()
                .replace(RELOAD_SENTENCE, "is applied by " + platform.title() + " without a reboot")
                .replace(RESTART_SENTENCE, "needs a reboot of the instance (context postmaster): book a maintenance window")
                .replace(PG_CTL_RESTART, restartCommand() + "  # " + platform.title() + " restarts the instance; it is unavailable meanwhile");
    }

    private String change(String verb, String name, String written, String note) {
        ServerSetting setting = settings.apply(name.toLowerCase(java.util.Locale.ROOT));
        boolean reboot = setting != null ? setting.needsRestart() : "-- then restart the server".equals(note);
        String value;
        if ("RESET".equals(verb)) {
            value = setting != null && setting.value() != null ? setting.value() : "<previous value>";
        } else {
            value = unquoted(written.strip());
        }
        return command(name, value, reboot);
    }

    private String command(String name, String value, boolean reboot) {
        return switch (platform) {
            case RDS -> "aws rds modify-db-parameter-group --db-parameter-group-name <parameter-group> --parameters \""
                    + rdsParameter(name, value, reboot) + "\"" + rdsReboot(name, reboot);
            case AURORA -> "aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name <cluster-parameter-group> --parameters \""
                    + rdsParameter(name, value, reboot) + "\"" + rdsReboot(name, reboot);
            case CLOUDSQL -> "gcloud sql instances patch <instance> --database-flags=" + ShellWord.of(name + "=" + value)
                    + "  # replaces every flag of the instance: first list them with gcloud sql instances describe <instance>"
                    + " --format=\"value(settings.databaseFlags)\" and repeat the others here; "
                    + (reboot ? name + " is static (context postmaster): Cloud SQL restarts the instance to apply it"
                              : "applied without a restart");
            case ALLOYDB -> "gcloud alloydb instances update <instance> --cluster=<cluster> --region=<region> --database-flags="
                    + ShellWord.of(name + "=" + value)
                    + "  # replaces every flag of the instance: first list them with gcloud alloydb instances describe <instance>"
                    + " --cluster=<cluster> --region=<region> and repeat the others here; "
                    + (reboot ? name + " is static (context postmaster): AlloyDB restarts the instance to apply it"
                              : "applied without a restart");
            case AZURE -> "az postgres flexible-server parameter set --resource-group <resource-group> --server-name <server> --name "
                    + name + " --value " + ShellWord.of(value)
                    + (reboot ? " && " + restartCommand() + "  # " + name + " is static (context postmaster): it applies only after the restart"
                              : "  # applied without a restart");
            case SELF_MANAGED -> throw new IllegalStateException("a self-managed server keeps ALTER SYSTEM");
        };
    }

    /**
     * One parameter in the AWS CLI's shorthand syntax, inside the double quotes the command puts around it: a list
     * value (shared_preload_libraries, search_path) is single-quoted so its commas stay in the value, as AWS's own
     * examples write it, and what the shell would expand between double quotes ($user, backquotes) is escaped.
     */
    private static String rdsParameter(String name, String value, boolean reboot) {
        String shorthand = value.contains(",") && !value.contains("'") ? "'" + value + "'" : value;
        return "ParameterName=" + name + ",ParameterValue=" + inDoubleQuotes(shorthand)
                + ",ApplyMethod=" + (reboot ? "pending-reboot" : "immediate");
    }

    private static String inDoubleQuotes(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }

    /** The provider's command that restarts the instance. */
    private String restartCommand() {
        return switch (platform) {
            case RDS, AURORA -> "aws rds reboot-db-instance --db-instance-identifier <instance>";
            case CLOUDSQL -> "gcloud sql instances restart <instance>";
            case ALLOYDB -> "gcloud alloydb instances restart <instance> --cluster=<cluster> --region=<region>";
            case AZURE -> "az postgres flexible-server restart --resource-group <resource-group> --name <server>";
            case SELF_MANAGED -> throw new IllegalStateException("a self-managed server keeps pg_ctl");
        };
    }

    private String rdsReboot(String name, boolean reboot) {
        return reboot
                ? " && " + restartCommand() + "  # " + name
                  + " is static (context postmaster): it applies only after the reboot"
                : "  # applied without a reboot";
    }

    /** The value a SQL literal ('on', E'a\\b') stands for; anything else (a placeholder such as <value>) as written. */
    static String unquoted(String written) {
        boolean escaped = written.startsWith("E'");
        String body = escaped ? written.substring(1) : written;
        if (body.length() < 2 || !body.startsWith("'") || !body.endsWith("'")) {
            return written;
        }
        String value = body.substring(1, body.length() - 1).replace("''", "'");
        return escaped ? value.replace("\\\\", "\\") : value;
    }
}
