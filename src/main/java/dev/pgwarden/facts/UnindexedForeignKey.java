package dev.pgwarden.facts;

/**
 * A foreign key whose columns lead no valid index of its (referencing) table.
 *
 * @param tableName          the referencing table, quoted where needed
 * @param columns            the foreign key's columns in its order, quoted, comma-separated
 * @param estimatedRows      pg_class.reltuples of the table (of its partitions, summed, for a partitioned one)
 * @param partitioned        whether the table is partitioned, so CREATE INDEX cannot run CONCURRENTLY on it
 * @param indexName          a name for the index to create, quoted: {@code <table>_<columns>_idx}
 * @param qualifiedIndexName that name with the table's schema
 */
public record UnindexedForeignKey(
        String tableName,
        String constraintName,
        String referencedTable,
        String columns,
        long estimatedRows,
        boolean partitioned,
        String indexName,
        String qualifiedIndexName) implements CatalogObject {

    @Override
    public String objectName() {
        return tableName;
    }
}
