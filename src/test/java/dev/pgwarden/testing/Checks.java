package dev.pgwarden.testing;

import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one check through the real Launcher and engine against a URL, as the CLI does. */
public final class Checks {

    private Checks() {
    }

    /** @param overrides {@code param=value} for this check, e.g. {@code min_size=1MB} */
    public static CheckResult run(String url, String checkId, String... overrides) {
        return run(url, checkId, Map.of(), overrides);
    }

    /** Like {@link #run}, planning an upgrade to {@code targetMajor}, as {@code check --target-version} does. */
    public static CheckResult runForUpgrade(String url, int targetMajor, String checkId, String... overrides) {
        return run(url, checkId, Map.of(Constants.TARGET_VERSION, String.valueOf(targetMajor)), overrides);
    }

    /** Like {@link #run}, judging the probe file given, as {@code check --probe FILE} does. */
    public static CheckResult runWithProbe(String url, java.nio.file.Path probe, String checkId, String... overrides) {
        return run(url, checkId, Map.of(Constants.PROBE, probe.toString()), overrides);
    }

    /** Like {@link #run}, with a user's rules directory laid over the built-in checks, as {@code check --rules DIR} does. */
    public static CheckResult runWithRules(String url, java.nio.file.Path rules, String checkId, String... overrides) {
        return run(url, checkId, Map.of(Constants.RULES, rules.toString()), overrides);
    }

    /** Like {@link #run}, with the platform named as {@code check --platform} names it ({@code auto}, {@code rds}, ...). */
    public static CheckResult runOnPlatform(String url, String platform, String checkId, String... overrides) {
        return run(url, checkId, Map.of(Constants.PLATFORM, platform), overrides);
    }

    /** Like {@link #run}, with further configuration parameters ({@code Constants}), as the CLI's options give them. */
    public static CheckResult run(String url, String checkId, Map<String, String> extra, String... overrides) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(Constants.URL, url);
        configuration.put(Constants.CHECKS, checkId);
        configuration.put(Constants.SET, String.join(";", java.util.Arrays.stream(overrides).map(o -> checkId + "." + o).toList()));
        configuration.putAll(extra);
        RunSummary run = new CheckLauncher().run(url, configuration, List.of());
        if (run.targetFailed()) {
            throw new AssertionError("target failed: " + run.targetFailure());
        }
        return run.checks().stream().filter(c -> c.id().equals(checkId)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + checkId + " in " + run.checks()));
    }
}
