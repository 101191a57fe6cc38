package dev.pgwarden.api;

import dev.pgwarden.engine.Constants;
import dev.pgwarden.engine.RunPlan;
import dev.pgwarden.engine.RunPlanner;
import dev.pgwarden.engine.TargetRun;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.connection.TargetConfigException;
import dev.pgwarden.connection.TargetSession;
import dev.pgwarden.connection.TargetUnreachableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Runs pgwarden checks from a user's own test and asserts the database is healthy:
 *
 * <pre>{@code
 * Pgwarden.of(dataSource).suite("ci-gate").set("xid-age.warn_age", "300000000").assertHealthy();
 * }</pre>
 *
 * The session is read only, like every pgwarden session; a borrowed connection goes back to its pool.
 */
public final class Pgwarden {

    private final DataSource dataSource;
    private final String url;
    private final Map<String, String> configuration = new LinkedHashMap<>();

    private Pgwarden(DataSource dataSource, String url) {
        this.dataSource = dataSource;
        this.url = url;
    }

    /** Checks the database a DataSource connects to. */
    public static Pgwarden of(DataSource dataSource) {
        return new Pgwarden(dataSource, null);
    }

    /** Checks the database at a JDBC URL or {@code postgresql://} URI. */
    public static Pgwarden of(String url) {
        return new Pgwarden(null, url);
    }

    /** A built-in suite name or a suite file; default {@code default}. */
    public Pgwarden suite(String nameOrFile) {
        configuration.put(Constants.SUITE, nameOrFile);
        return this;
    }

    /** Only these checks. */
    public Pgwarden checks(String... ids) {
        configuration.put(Constants.CHECKS, String.join(",", ids));
        return this;
    }

    /** Overrides one parameter, e.g. {@code set("xid-age.warn_age", "300000000")}. */
    public Pgwarden set(String checkAndParameter, String value) {
        configuration.merge(Constants.SET, checkAndParameter + "=" + value, (a, b) -> a + ";" + b);
        return this;
    }

    /** Any other engine configuration parameter ({@link Constants}). */
    public Pgwarden configure(String key, String value) {
        configuration.put(key, value);
        return this;
    }

    /** Runs the checks and returns their results. */
    public List<CheckResult> run() {
        try (TargetSession session = open()) {
            RunPlan plan = new RunPlanner(System.getenv()).plan(key -> key.equals(Constants.URL)
                    ? targetUrl(session) : configuration.get(key));
            TargetRun run = new TargetRun(plan, session);
            List<CheckResult> results = new ArrayList<>();
            for (SelectedCheck check : plan.checks()) {
                results.add(run.run(check));
            }
            return results;
        } catch (RuleLoadException | TargetConfigException e) {
            throw new IllegalArgumentException("pgwarden configuration: " + e.getMessage(), e);
        } catch (TargetUnreachableException | SQLException e) {
            throw new IllegalStateException("pgwarden cannot check the database: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the checks and throws {@link UnhealthyDatabaseError} listing every finding and error when any
     * check failed or errored. Skipped checks do not fail.
     */
    public void assertHealthy() {
        List<CheckResult> results = run();
        List<CheckResult> broken = results.stream()
                .filter(r -> r.status() == dev.pgwarden.results.Status.FAILED || r.status() == dev.pgwarden.results.Status.ERROR)
                .toList();
        if (!broken.isEmpty()) {
            throw new UnhealthyDatabaseError(broken);
        }
    }

    private TargetSession open() throws TargetUnreachableException, SQLException, TargetConfigException, RuleLoadException {
        var options = dev.pgwarden.connection.SessionOptions.defaults();
        if (dataSource == null) {
            var settings = new dev.pgwarden.connection.TargetResolver(System.getenv()).resolve(url);
            return TargetSession.open(settings, options);
        }
        Connection connection = dataSource.getConnection();
        var meta = connection.getMetaData();
        var settings = new dev.pgwarden.connection.ConnectionSettings(meta.getURL().replaceFirst("\\?.*$", ""), meta.getUserName(), null, Map.of());
        return TargetSession.adopt(connection, settings, options);
    }

    private String targetUrl(TargetSession session) {
        return url != null ? url : session.settings().jdbcUrl();
    }
}
