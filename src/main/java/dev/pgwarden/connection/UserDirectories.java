package dev.pgwarden.connection;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The user's directories, found the way psql and other command-line tools find them: the home directory is
 * {@code $HOME}, else the account's home from the password database (Java's {@code user.home}); the cache is
 * {@code $XDG_CACHE_HOME}, else {@code <home>/.cache}. In CI containers and Kubernetes pods running under an
 * arbitrary UID, {@code HOME} is often set to somewhere else than the account's home, or the account has none.
 */
public final class UserDirectories {

    /** What the JDK sets {@code user.home} to when the account has no entry in the password database. */
    private static final String UNKNOWN_ACCOUNT_HOME = "?";

    private final Map<String, String> environment;
    private final String accountHome;

    /**
     * @param environment the environment, usually {@code System.getenv()}
     * @param accountHome the account's home directory, usually {@code System.getProperty("user.home")}; may be null
     */
    public UserDirectories(Map<String, String> environment, String accountHome) {
        this.environment = Map.copyOf(environment);
        this.accountHome = accountHome;
    }

    /** This process's directories. */
    public static UserDirectories current() {
        return new UserDirectories(System.getenv(), System.getProperty("user.home"));
    }

    /** {@code $HOME}, else the account's home; empty when neither is known. */
    public Optional<Path> home() {
        String home = nonBlank(environment.get("HOME"));
        if (home == null) {
            home = UNKNOWN_ACCOUNT_HOME.equals(accountHome) ? null : nonBlank(accountHome);
        }
        return Optional.ofNullable(home).map(Path::of);
    }

    /** {@code $XDG_CACHE_HOME}, else {@code <home>/.cache}; empty when neither is known. */
    public Optional<Path> cache() {
        String cache = nonBlank(environment.get("XDG_CACHE_HOME"));
        return cache != null ? Optional.of(Path.of(cache)) : home().map(home -> home.resolve(".cache"));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
