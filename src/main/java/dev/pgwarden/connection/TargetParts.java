package dev.pgwarden.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one source (a URL, a connection service, the environment) says about the target; {@code null} means
 * "not said here", so sources can be layered like libpq layers a URI over a service over PG* variables.
 * {@code host} is a host name or address, or a Unix socket directory (see {@link UnixSocket}); {@code service}
 * names a section of the connection service file.
 */
record TargetParts(String host, Integer port, String database, String user, String password, String service,
                   Map<String, String> properties) {

    static final TargetParts NONE = new TargetParts(null, null, null, null, null, null, Map.of());

    TargetParts {
        host = blankToNull(host);
        database = blankToNull(database);
        user = blankToNull(user);
        service = blankToNull(service);
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
                service != null ? service : fallback.service,
                merged);
    }

    @Override
    public String toString() {
        return "TargetParts[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "none" : Messages.MASK) + ", service=" + service + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
