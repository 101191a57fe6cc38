package dev.pgwarden.engine;

import dev.pgwarden.facts.ExplainAnalyze;
import dev.pgwarden.results.Platform;
import dev.pgwarden.rules.CheckSelector;
import dev.pgwarden.rules.Quantity;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.RuleCompiler;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.rules.Suite;
import dev.pgwarden.rules.SuiteLoader;
import dev.pgwarden.connection.ConnectionSettings;
import dev.pgwarden.connection.SessionOptions;
import dev.pgwarden.connection.TargetConfigException;
import dev.pgwarden.connection.TargetResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Builds a {@link RunPlan} from configuration parameters: loads and compiles rules, reads the suite, resolves
 * the target. Nothing here connects to the database, so every configuration error surfaces first.
 */
public final class RunPlanner {

    /** Plans made in this JVM, for tests that a run is planned once. */
    private static final AtomicInteger PLANS_MADE = new AtomicInteger();
    private final Map<String, String> environment;

    public RunPlanner(Map<String, String> environment) {
        this.environment = environment;
    }

    /** @param parameter reads one configuration parameter, null when unset */
    public RunPlan plan(Function<String, String> parameter) throws RuleLoadException, TargetConfigException {
        PLANS_MADE.incrementAndGet();
        var suite = new SuiteLoader().load(parameter.apply(Constants.SUITE));
        var checks = selectChecks(parameter.apply(Constants.RULES), suite, splitChecks(parameter.apply(Constants.CHECKS)),
                parameter.apply(Constants.SET));
        ConnectionSettings target = target(parameter);
        SessionOptions options = sessionOptions(parameter);
        Path probeFile = optionalPath(parameter.apply(Constants.PROBE));
        return new RunPlan(target, options, checks, probeFile, parameter.apply(Constants.PROBE_MAP),
                targetVersion(parameter.apply(Constants.TARGET_VERSION)), suite.waivers(),
                optionalPath(parameter.apply(Constants.BASELINE)), explainAnalyze(parameter.apply(Constants.EXPLAIN_ANALYZE)),
                platform(parameter.apply(Constants.PLATFORM)), RulesProvenance.of(suite, checks),
                today(parameter.apply(Constants.TODAY)));
    }

    /**
     * Starts connecting to the run's target on a thread of its own, to be taken by the run (see
     * {@link SessionsOpenedAhead}). A target that cannot be resolved is left to {@link #plan} to report.
     */
    public void openSessionAhead(Function<String, String> parameter) {
        try {
            SessionsOpenedAhead.open(target(parameter), sessionOptions(parameter));
        } catch (RuleLoadException | TargetConfigException | RuntimeException e) {
            // plan() reports it, after whatever else is wrong with the rules and the suite
        }
    }

    private ConnectionSettings target(Function<String, String> parameter) throws TargetConfigException {
        return new TargetResolver(environment).resolve(parameter.apply(Constants.URL));
    }

    private static SessionOptions sessionOptions(Function<String, String> parameter) throws RuleLoadException {
        SessionOptions defaults = SessionOptions.defaults();
        return new SessionOptions(
                duration(parameter, Constants.STATEMENT_TIMEOUT, defaults.statementTimeout()),
                duration(parameter, Constants.LOCK_TIMEOUT, defaults.lockTimeout()),
                duration(parameter, Constants.CONNECT_TIMEOUT, defaults.connectTimeout()));
    }

    /**
     * The checks a run would judge and their parameters after suite and {@code --set} overrides; nothing
     * connects. Exports use it to hand the same thresholds to other systems.
     *
     * @param only check ids to select; empty means the suite's, then those a user's rule directory adds
     * @param set  {@code CHECK.PARAM=VALUE} overrides separated by ';', or null
     */
    public static List<SelectedCheck> selectChecks(String userRules, Suite suite, List<String> only, String set)
            throws RuleLoadException {
        RuleCatalog catalog = catalog(userRules);
        List<String> ids = only.isEmpty() ? withUserChecks(suite.checks().keySet(), catalog) : only;
        return new CheckSelector(catalog, new RuleCompiler()).select(suite, ids, splitOverrides(set));
    }

    /** The suite's checks, then the checks a user's rule directory adds, so custom checks run too. */
    private static List<String> withUserChecks(java.util.Set<String> suiteChecks, RuleCatalog catalog) throws RuleLoadException {
        java.util.Set<String> builtIn = RuleCatalog.builtIn().ids();
        List<String> ids = new java.util.ArrayList<>(suiteChecks);
        catalog.ids().stream().filter(id -> !builtIn.contains(id) && !ids.contains(id)).forEach(ids::add);
        return ids.size() == suiteChecks.size() ? List.of() : ids;
    }

    /** The built-in rules, with the user's directory laid over them when one is given. */
    public static RuleCatalog catalog(String userRules) throws RuleLoadException {
        RuleCatalog builtIn = RuleCatalog.builtIn();
        if (userRules == null || userRules.isBlank()) {
            return builtIn;
        }
        return builtIn.overlay(Path.of(userRules)).catalog();
    }

    /** null for auto: the run detects it. */
    private static Platform platform(String value) throws RuleLoadException {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("auto")) {
            return null;
        }
        return Platform.named(value).orElseThrow(() -> new RuleLoadException("--platform " + value + ": expected one of auto, "
                + java.util.Arrays.stream(Platform.values()).map(Platform::id).collect(java.util.stream.Collectors.joining(", "))
));
    }

    private static java.time.LocalDate today(String value) throws RuleLoadException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new RuleLoadException(Constants.TODAY + " " + value + ": expected a date such as 2027-03-31");
        }
    }

    private static Integer targetVersion(String value) throws RuleLoadException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int major = Integer.parseInt(value.trim());
            if (major < 10 || major > 99) {
                throw new NumberFormatException();
            }
            return major;
        } catch (NumberFormatException e) {
            throw new RuleLoadException("--target-version " + value + ": expected a PostgreSQL major version such as 17");
        }
    }

    private static ExplainAnalyze explainAnalyze(String value) throws RuleLoadException {
        try {
            return ExplainAnalyze.parse(value);
        } catch (IllegalArgumentException e) {
            throw new RuleLoadException(Constants.EXPLAIN_ANALYZE + ": " + e.getMessage());
        }
    }

    static Path optionalPath(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    static List<String> splitChecks(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Map<String, String> splitOverrides(String value) throws RuleLoadException {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return overrides;
        }
        for (String assignment : value.split(";")) {
            if (assignment.isBlank()) {
                continue;
            }
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new RuleLoadException("--set " + assignment.trim() + ": expected CHECK.PARAM=VALUE");
            }
            overrides.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
        }
        return overrides;
    }

    private static Duration duration(Function<String, String> parameter, String key, Duration fallback) throws RuleLoadException {
        String value = parameter.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Quantity.duration(value);
        } catch (IllegalArgumentException e) {
            throw new RuleLoadException(key + ": " + e.getMessage());
        }
    }

    static int plansMade() {
        return PLANS_MADE.get();
    }
}
