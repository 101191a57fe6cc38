package dev.pgwarden.connection;

/**
 * Where a {@code --url} points, as written in it and nothing more: no PG* variables, pgpass file or defaults
 * fill the gaps ({@code null} where the URL says nothing), and the password is not kept at all, so a
 * configuration written for another program from it cannot carry one.
 */
public record UrlEndpoint(String host, Integer port, String database, String user) {

    /**
     * @param url a pgjdbc URL or libpq URI, as {@code --url} takes them
     * @throws TargetConfigException if the URL is malformed or names several hosts (the message never shows a password)
     */
    public static UrlEndpoint of(String url) throws TargetConfigException {
        TargetParts parts = TargetResolver.fromUrl(url);
        // A socket directory is a host to other clients, but a list is not: each gets an instance of its own.
        if (parts.host() != null && parts.host().contains(",")) {
            throw new TargetConfigException("several hosts in --url, got '" + parts.host() + "'; give one host");
        }
        return new UrlEndpoint(parts.host(), parts.port(), parts.database(), parts.user());
    }
}
