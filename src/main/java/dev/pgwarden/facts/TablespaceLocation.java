package dev.pgwarden.facts;

/**
 * A tablespace other than the two initdb makes, with the directory it lives in (fact kind
 * {@code tablespace_locations}).
 *
 * @param tablespaceName quoted for SQL
 * @param location       pg_tablespace_location(): the directory given to CREATE TABLESPACE
 */
public record TablespaceLocation(String tablespaceName, String location) implements CatalogObject {

    /** Whether the location is the directory given or lies under it. */
    public boolean inside(String directory) {
        return location.equals(directory) || location.startsWith(directory + "/");
    }

    @Override
    public String objectName() {
        return tablespaceName;
    }
}
