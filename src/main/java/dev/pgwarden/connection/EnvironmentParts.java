package dev.pgwarden.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the PG* environment variables psql reads, as a layer below any URL and connection service. */
final class EnvironmentParts {

    private EnvironmentParts() {
    }

    static TargetParts from(Map<String, String> env) throws TargetConfigException {
        String port = nonEmpty(env.get("PGPORT"));
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : LibpqOptions.ENVIRONMENT.entrySet()) {
            String value = nonEmpty(env.get(variable.getKey()));
            if (value != null) {
                properties.put(variable.getValue(), value);
            }
        }
        return new TargetParts(
                env.get("PGHOST"),
                port == null ? null : HostPort.parsePort(port, "PGPORT"),
                env.get("PGDATABASE"),
                env.get("PGUSER"),
                env.get("PGPASSWORD"),
                env.get("PGSERVICE"),
                properties);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
