package dev.pgwarden.connection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The libpq settings pgwarden understands besides host, port, database, user and password, with
 * the pgjdbc property each becomes, and the checks that catch bad values before connecting.
 */
final class LibpqOptions {

    /** URI query keyword → pgjdbc property. */
    static final Map<String, String> URI_KEYWORDS = Map.of(
            "sslmode", "sslmode",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "sslpassword", "sslpassword",
            "connect_timeout", "connectTimeout",
            "options", "options");

    /** Environment variable → pgjdbc property. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "PGSSLMODE", "sslmode",
            "PGSSLROOTCERT", "sslrootcert",
            "PGSSLCERT", "sslcert",
            "PGSSLKEY", "sslkey",
            "PGCONNECT_TIMEOUT", "connectTimeout",
            "PGOPTIONS", "options");

    /** pgjdbc timeout property → how messages name it. */
    private static final Map<String, String> TIMEOUTS =
            Map.of("connectTimeout", "connect timeout", "loginTimeout", "login timeout");

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private LibpqOptions() {
    }

    static String driverProperty(String uriKeyword, String where) throws TargetConfigException {
        String property = URI_KEYWORDS.get(uriKeyword);
        if (property == null) {
            throw new TargetConfigException("unsupported parameter '" + uriKeyword + "' in " + where
                    + "; supported: host, port, dbname, user, password, service, " + String.join(", ", new TreeSet<>(URI_KEYWORDS.keySet())));
        }
        return property;
    }

    /**
     * Checks sslmode and the timeouts, wherever they came from. A connect or login timeout of zero
     * or less means "wait forever" to libpq and pgjdbc; pgwarden must fail fast, so such a value is
     * dropped and the session's own connect timeout applies.
     */
    static Map<String, String> checked(Map<String, String> properties) throws TargetConfigException {
        Map<String, String> result = new LinkedHashMap<>(properties);
        String sslMode = result.get("sslmode");
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new TargetConfigException("sslmode must be one of " + new TreeSet<>(SSL_MODES) + ", got '" + sslMode + "'");
        }
        for (Map.Entry<String, String> timeout : TIMEOUTS.entrySet()) {
            String value = result.get(timeout.getKey());
            if (value != null && wholeSeconds(value, timeout.getValue()) <= 0) {
                result.remove(timeout.getKey());
            }
        }
        return result;
    }

    private static int wholeSeconds(String value, String what) throws TargetConfigException {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TargetConfigException(what + " must be a whole number of seconds, got '" + value + "'");
        }
    }
}
