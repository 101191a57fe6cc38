package dev.pgwarden.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one source (a URL, the environment) says about the target; {@code null} means "not said
 * here", so sources can be layered like libpq layers a URI over PG* variables.
 */
record TargetParts(String host, Integer port, String database, String user, String password,
                   Map<String, String> properties) {

    static final TargetParts NONE = new TargetParts(null, null, null, null, null, Map.of());

    TargetParts {
        host = blankToNull(host);
        database = blankToNull(database);
        user = blankToNull(user);
        // libpq treats an empty password as none, so the pgpass file is still consulted
        password = password == null || password.isEmpty() ? null : password;
        properties = Map.copyOf(properties);
    }

    /** These parts, with everything not said here taken from {@code fallback}. */
    TargetParts orElse(TargetParts fallback) {
        Map<String, String> merged = new LinkedHashMap<>(fallback.properties);
        merged.putAll(properties);
        return new TargetParts(
                host != null ? host : fallback.host,
                port != null ? port : fallback.port,
                database != null ? database : fallback.database,
                user != null ? user : fallback.user,
                password != null ? password : fallback.password,
                merged);
    }

    @Override
    public String toString() {
        return "TargetParts[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "none" : Messages.MASK) + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
