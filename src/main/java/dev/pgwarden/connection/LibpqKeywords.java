package dev.pgwarden.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects libpq's {@code keyword=value} settings, as a URI's query and a connection service file's section give
 * them, into {@link TargetParts}: host, port, dbname, user, password and service, and the options
 * {@link LibpqOptions} turns into driver properties. A keyword given twice keeps its last value, as in libpq.
 */
final class LibpqKeywords {

    private String host;
    private Integer port;
    private String database;
    private String user;
    private String password;
    private String service;
    private final Map<String, String> properties = new LinkedHashMap<>();

    /** Takes one setting; {@code where} names its place for messages (never its value, which may be a password). */
    LibpqKeywords set(String keyword, String value, String where) throws TargetConfigException {
        switch (keyword) {
            case "host" -> host = value;
            case "port" -> port = HostPort.parsePort(value, where);
            case "dbname" -> database = value;
            case "user" -> user = value;
            case "password" -> password = value;
            case "service" -> service = value;
            default -> properties.put(LibpqOptions.driverProperty(keyword, where), value);
        }
        return this;
    }

    TargetParts parts() {
        return new TargetParts(host, port, database, user, password, service, properties);
    }
}
