package dev.pgwarden.connection;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where and as whom pgwarden connects: a pgjdbc URL, the user, an optional password, and further
 * driver properties ({@code sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey},
 * {@code connectTimeout}, ...).
 *
 * <p>Secrets never leave this record by accident: the URL may not carry a password,
 * {@link #toString()} masks the password and every property whose name contains "password", and
 * {@link #describe()} names only user, host, port and database. Usually built by
 * {@link TargetResolver}.
 *
 * @param jdbcUrl    a {@code jdbc:postgresql:} URL without any password parameter
 * @param user       the role to log in as
 * @param password   the password, or {@code null} to send none
 * @param properties further pgjdbc connection properties; not {@code user} or {@code password}
 */
public record ConnectionSettings(String jdbcUrl, String user, String password, Map<String, String> properties) {

    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public ConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
        if (!jdbcUrl.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
            throw new IllegalArgumentException("jdbcUrl must start with " + JDBC_PREFIX);
        }
        if (hasPasswordParameter(jdbcUrl)) {
            throw new IllegalArgumentException("jdbcUrl must not carry a password; pass it as password");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        Objects.requireNonNull(properties, "properties must not be null (use Map.of())");
        for (String key : properties.keySet()) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals("user") || lower.equals("password")) {
                throw new IllegalArgumentException("properties must not contain '" + key
                        + "'; use the " + lower + " component");
            }
        }
        properties = Map.copyOf(properties);
    }

    /**
     * Where this connects, as a libpq-style URI without password or options, e.g.
     * {@code postgresql://alice@db.example:5432/app}, or for a Unix socket
     * {@code postgresql://postgres@/app?host=/var/run/postgresql}. Safe for logs, reports and error messages.
     */
    public String describe() {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        // "jdbc:postgresql:app" is pgjdbc's short form for a database on localhost:5432
        String location = rest.startsWith("//") ? rest.substring(2) : "localhost:5432/" + rest;
        int slash = location.indexOf('/');
        return UnixSocket.describe(user, slash < 0 ? "" : location.substring(slash + 1), properties)
                .orElse("postgresql://" + user + "@" + location);
    }

    /** The properties to hand to the driver: user, password (if any), then {@link #properties()}. */
    public Properties jdbcProperties() {
        Properties result = new Properties();
        result.putAll(properties);
        result.setProperty("user", user);
        if (password != null) {
            result.setProperty("password", password);
        }
        return result;
    }

    private static boolean hasPasswordParameter(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.toLowerCase(Locale.ROOT).split("=", 2)[0].contains("password")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(properties);
        shown.replaceAll((key, value) -> key.toLowerCase(Locale.ROOT).contains("password") ? Messages.MASK : value);
        return "ConnectionSettings[jdbcUrl=" + jdbcUrl + ", user=" + user
                + ", password=" + (password == null ? "none" : Messages.MASK) + ", properties=" + shown + "]";
    }
}
