package dev.pgwarden.facts;

/**
 * A stored column whose type holds OIDs that pg_upgrade does not keep (regproc, regoper, regconfig and the
 * like, directly or through a domain, array, composite or range type).
 *
 * @param columnName      {@code schema.table.column}, quoted where needed
 * @param relkind         {@code r} table, {@code p} partitioned table, {@code m} materialized view
 * @param targetType      the type that keeps the values as names: text, or text[] for arrays
 * @param changeStatement what to run before the upgrade: the ALTER to the target type, or for a
 *                        materialized view its DROP
 * @param restoreStatement what restores it: the ALTER back to the type as it is now (with USING), or
 *                         the materialized view's CREATE with its indexes
 */
public record RegTypeColumn(
        String columnName,
        String tableName,
        String relkind,
        String columnType,
        String targetType,
        String changeStatement,
        String restoreStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return columnName;
    }

    public boolean materializedView() {
        return "m".equals(relkind);
    }
}
