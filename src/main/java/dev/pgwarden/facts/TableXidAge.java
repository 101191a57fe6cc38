package dev.pgwarden.facts;

/**
 * The freeze age of one table of the connected database, its TOAST table counted as part of it, among
 * the oldest of that database.
 */
public record TableXidAge(
        String qualifiedName,
        String databaseName,
        long xidAge,
        long mxidAge,
        long tableBytes) implements CatalogObject {

    @Override
    public String objectName() {
        return qualifiedName;
    }
}
