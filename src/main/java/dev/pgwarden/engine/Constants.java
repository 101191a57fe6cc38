package dev.pgwarden.engine;

/**
 * Configuration parameters the pgwarden engine reads, shared by the CLI and by users' {@code @Suite}
 * classes ({@code @ConfigurationParameter(key = Constants.URL, value = "...")}).
 */
public final class Constants {

    /** JDBC URL or {@code postgresql://} URI of the target. Without it, PG* variables and ~/.pgpass, like psql. */
    public static final String URL = "pgwarden.url";

    /** Suite name (built-in) or YAML file. Default: {@code default}. */
    public static final String SUITE = "pgwarden.suite";

    /** Comma-separated check ids to run instead of the suite's list. Default: the suite's checks. */
    public static final String CHECKS = "pgwarden.checks";

    /** Parameter overrides, {@code check.param=value} separated by semicolons. Default: none. */
    public static final String SET = "pgwarden.set";

    /** Per-statement time limit on the target, e.g. {@code 10s}. Default: 10s. */
    public static final String STATEMENT_TIMEOUT = "pgwarden.statement_timeout";

    /** How long a statement waits for a lock before failing, e.g. {@code 5s}. Default: 5s. */
    public static final String LOCK_TIMEOUT = "pgwarden.lock_timeout";

    /** How long to wait for the connection, e.g. {@code 10s}. Default: 10s. */
    public static final String CONNECT_TIMEOUT = "pgwarden.connect_timeout";

    /** A host probe's output (envelope or bpftrace output) for the read-latency check. Default: none. */
    public static final String PROBE = "pgwarden.probe";

    /** Which histogram of the probe file to judge. Default: the only one, or {@code reads}. */
    public static final String PROBE_MAP = "pgwarden.probe_map";

    /** A directory of the user's own {@code <id>.drl} + {@code <id>.yaml} checks, beside the built-in ones. Default: none. */
    public static final String RULES = "pgwarden.rules";

    /** A baseline file ({@code pgwarden baseline save}) to compare today's measurements against. Default: none. */
    public static final String BASELINE = "pgwarden.baseline";

    /** The major version a pre-upgrade revalidation plans for, e.g. {@code 17}. Default: none. */
    public static final String TARGET_VERSION = "pgwarden.target_version";

    /**
     * Where statements behind findings may be executed by {@code EXPLAIN (ANALYZE, BUFFERS)} to show their
     * plans: {@code off}, {@code standby} (only when the target is in recovery) or {@code anywhere}. Only
     * plain SELECTs without parameters are ever executed. Default: off.
     */
    public static final String EXPLAIN_ANALYZE = "pgwarden.explain_analyze";

    /**
     * Where the server runs, which decides how server-wide settings are changed: {@code auto} (default: detected
     * from the settings and roles the connected role sees), {@code self-managed}, {@code rds}, {@code aurora},
     * {@code cloudsql}, {@code alloydb} or {@code azure}.
     */
    public static final String PLATFORM = "pgwarden.platform";

    /**
     * The date waivers are judged on, such as {@code 2027-04-01}: a waiver expired on an earlier date no longer applies.
     * Default: today by the machine's clock. Shows which findings a later run will fail on once their waivers expire.
     */
    public static final String TODAY = "pgwarden.today";

    /** Report entry key under which each check's result is published as JSON. */
    public static final String RESULT_ENTRY = dev.pgwarden.results.CheckResultCodec.REPORT_ENTRY;

    /** Report entry key under which a target's description and server version are published. */
    public static final String TARGET_ENTRY = "pgwarden.target";

    /** Report entry key of the platform a target runs on ({@code self-managed}, {@code rds}, ...), published with the target entry. */
    public static final String PLATFORM_ENTRY = "pgwarden.platform";

    /** Report entry key of the pgwarden version and commit, published with the target entry. */
    public static final String VERSION_ENTRY = "pgwarden.version";

    /** Report entry key of a target's provenance (suite, rule files and their SHA-256, parameters, server identity) as JSON. */
    public static final String PROVENANCE_ENTRY = dev.pgwarden.results.Provenance.REPORT_ENTRY;

    private Constants() {
    }
}
