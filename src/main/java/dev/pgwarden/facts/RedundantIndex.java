package dev.pgwarden.facts;

/**
 * An index another index of the same table makes redundant (see redundant_indexes.sql).
 *
 * @param relation          {@code duplicate} (the same index twice) or {@code prefix} (its keys lead the other's)
 * @param keptIndexName     the index that covers it, which stays
 * @param backsConstraint   whether it is the index of a primary key, unique or exclusion constraint, so
 *                          it goes by dropping the constraint
 * @param dropStatement     what removes it: DROP INDEX CONCURRENTLY, DROP INDEX for a partitioned index,
 *                          ALTER TABLE … DROP CONSTRAINT for a constraint's
 * @param recreateStatement what restores it from its definition as it is now
 */
public record RedundantIndex(
        String indexName,
        String tableName,
        String relation,
        String keptIndexName,
        String indexDefinition,
        String keptIndexDefinition,
        long indexBytes,
        String indexSize,
        boolean backsConstraint,
        String dropStatement,
        String recreateStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return indexName;
    }
}
