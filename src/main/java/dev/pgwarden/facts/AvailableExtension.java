package dev.pgwarden.facts;

/**
 * An extension the server's installation offers (fact kind {@code available_extensions}, from
 * pg_available_extensions), and whether the connected database has it.
 *
 * @param installedVersion the version installed in the connected database; null when it is not
 */
public record AvailableExtension(String name, String defaultVersion, String installedVersion) implements CatalogObject {

    @Override
    public String objectName() {
        return name;
    }
}
