package dev.pgwarden.facts;

/**
 * The freeze age of one table of the connected database, its TOAST table counted as part of it, among
 * the oldest of that database.
 *
 * @param tableBytes        size by relpages (heap and TOAST) as the last VACUUM or ANALYZE left it
 * @param sizedByStatistics false when the table was never vacuumed or analyzed, so the size is unknown
 */
public record TableXidAge(
        String qualifiedName,
        String databaseName,
        long xidAge,
        long mxidAge,
        long tableBytes,
        boolean sizedByStatistics) implements CatalogObject {

    @Override
    public String objectName() {
        return qualifiedName;
    }
}
