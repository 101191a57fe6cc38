package dev.pgwarden.facts;

/**
 * A planned major-version upgrade: the server's major now and the one given with
 * {@code --target-version}. Pre-upgrade rules match on it.
 */
public record UpgradeTarget(int currentMajor, int targetMajor) {

    public UpgradeTarget {
        if (targetMajor < 10) {
            throw new IllegalArgumentException("target major version must be 10 or later, got " + targetMajor);
        }
    }

    /** True when the upgrade passes through {@code major}, i.e. current &lt; major &lt;= target. */
    public boolean crosses(int major) {
        return currentMajor < major && major <= targetMajor;
    }
}
