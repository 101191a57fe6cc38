package dev.pgwarden.facts;

/**
 * A tablespace other than the two initdb makes, with the directory it lives in (fact kind
 * {@code tablespace_locations}).
 *
 * @param tablespaceName quoted for SQL
 * @param location       pg_tablespace_location(): the directory given to CREATE TABLESPACE
 */
public record TablespaceLocation(String tablespaceName, String location) implements CatalogObject {

    /** Whether a path is the directory given or lies under it. */
    public static boolean isInside(String path, String directory) {
        return path.equals(directory) || path.startsWith(directory + "/");
    }

    /**
     * Whether a directory setting (log_directory) names an absolute path outside the data directory; a
     * relative one is under it, as the server resolves it there.
     */
    public static boolean isAbsoluteOutside(String path, String dataDirectory) {
        return path.startsWith("/") && !isInside(path, dataDirectory);
    }

    @Override
    public String objectName() {
        return tablespaceName;
    }
}
