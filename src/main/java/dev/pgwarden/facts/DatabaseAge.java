package dev.pgwarden.facts;

/**
 * How close one database is to transaction ID and multixact ID wraparound.
 *
 * @param xidAge  age(datfrozenxid): transactions since the oldest unfrozen row
 * @param mxidAge mxid_age(datminmxid)
 */
public record DatabaseAge(
        String databaseName,
        long xidAge,
        long mxidAge,
        boolean allowsConnections,
        boolean current) implements CatalogObject {

    @Override
    public String objectName() {
        return databaseName;
    }
}
