package dev.pgwarden.connection;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a pgjdbc URL ({@code jdbc:postgresql://host:port/db?key=value}, also the short forms
 * {@code jdbc:postgresql:db} and {@code jdbc:postgresql:/}). User and password are taken out of
 * the query so the URL that is later shown never carries them; other parameters become driver
 * properties unchanged.
 */
final class JdbcUrlParser {

    static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrlParser() {
    }

    static boolean accepts(String url) {
        return url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static TargetParts parse(String url) throws TargetConfigException {
        String where = "--url '" + Messages.maskUrl(url) + "'";
        String rest = url.substring(PREFIX.length());
        int question = rest.indexOf('?');
        String query = question < 0 ? "" : rest.substring(question + 1);
        rest = question < 0 ? rest : rest.substring(0, question);

        HostPort hostPort = new HostPort(null, null);
        String path = rest.startsWith("/") ? rest.substring(1) : rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            path = slash < 0 ? "" : rest.substring(slash + 1);
            if (authority.contains("@")) {
                throw new TargetConfigException("a JDBC URL takes the user as ?user=name, not name@host: "
                        + Messages.maskUrl(url) + " (or use a URI: postgresql://user@host/db)");
            }
            hostPort = HostPort.parse(authority, where);
        }
        return fromQuery(hostPort, UrlText.formDecode(path, where), query, where);
    }

    private static TargetParts fromQuery(HostPort hostPort, String database, String query, String where)
            throws TargetConfigException {
        String user = null;
        String password = null;
        String service = null;
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : UrlText.queryPairs(query, UrlText::formDecode, where)) {
            // pgjdbc reads "key" without "=" as an empty value
            String value = pair.getValue() == null ? "" : pair.getValue();
            switch (pair.getKey().toLowerCase(Locale.ROOT)) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "service" -> service = value;
                default -> properties.put(pair.getKey(), value);
            }
        }
        return new TargetParts(hostPort.host(), hostPort.port(), database, user, password, service, properties);
    }
}
