package dev.pgwarden.connection;

import java.util.Map;

/**
 * Reads a libpq connection URI, {@code postgresql://user:password@host:port/dbname?param=value}
 * (also {@code postgres://}), with libpq's rules: every part optional, user, password, host and
 * database percent-decoded, query parameters overriding the parts before them. A host starting with '/' is a
 * Unix socket directory, written in the query ({@code postgresql:///db?host=/var/run/postgresql}) or
 * percent-encoded in the authority ({@code postgresql://%2Fvar%2Frun%2Fpostgresql/db}); {@code ?service=name}
 * names a section of the connection service file.
 */
final class LibpqUriParser {

    private static final String[] SCHEMES = {"postgresql://", "postgres://"};

    private LibpqUriParser() {
    }

    static boolean accepts(String url) {
        for (String scheme : SCHEMES) {
            if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return true;
            }
        }
        return false;
    }

    static TargetParts parse(String uri) throws TargetConfigException {
        String where = "--url '" + Messages.maskUrl(uri) + "'";
        String rest = uri.substring(uri.indexOf("://") + 3);
        int question = rest.indexOf('?');
        String query = question < 0 ? "" : rest.substring(question + 1);
        rest = question < 0 ? rest : rest.substring(0, question);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? null : UrlText.percentDecode(rest.substring(slash + 1), where);

        String user = null;
        String password = null;
        // the last '@' ends the user info: host names cannot contain one, passwords often do
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = UrlText.percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon), where);
            password = colon < 0 ? null : UrlText.percentDecode(userInfo.substring(colon + 1), where);
            authority = authority.substring(at + 1);
        }
        HostPort hostPort = HostPort.parse(authority, where);
        String host = hostPort.host() == null ? null : UrlText.percentDecode(hostPort.host(), where);
        TargetParts fromUri = new TargetParts(host, hostPort.port(), database, user, password, null, Map.of());
        return fromQuery(query, where).orElse(fromUri);
    }

    private static TargetParts fromQuery(String query, String where) throws TargetConfigException {
        LibpqKeywords keywords = new LibpqKeywords();
        for (Map.Entry<String, String> pair : UrlText.queryPairs(query, UrlText::percentDecode, where)) {
            if (pair.getValue() == null) {
                throw new TargetConfigException("query parameter '" + pair.getKey() + "' has no '=value' in " + where);
            }
            keywords.set(pair.getKey(), pair.getValue(), where);
        }
        return keywords.parts();
    }
}
