package dev.pgwarden.facts;

/**
 * A table without a primary key (a partitioned table judged at its parent, by the rows of all partitions),
 * with the names its remediation needs, quoted for SQL.
 *
 * @param replicaIdentity        pg_class.relreplident spelled out: default, nothing, full or index
 * @param uniqueIndexName        a unique index that can become the primary key as it is; null if none
 * @param uniqueIndexDefinition  that index's pg_get_indexdef with a semicolon, to recreate it
 * @param primaryKeyName         a name for a new primary key constraint ({@code <table>_pkey})
 * @param keyColumn              a name for a new key column that the table does not have yet
 * @param partitionKey           pg_get_partkeydef of a partitioned table, whose key must include it; else null
 */
public record TableWithoutPrimaryKey(
        String qualifiedName,
        String schemaName,
        String tableName,
        boolean partitioned,
        double estimatedRows,
        String replicaIdentity,
        String uniqueIndexName,
        String uniqueIndexDefinition,
        String primaryKeyName,
        String keyColumn,
        String partitionKey) implements CatalogObject {

    @Override
    public String objectName() {
        return qualifiedName;
    }

    /** Whether logical replication can publish this table's UPDATE and DELETE without a key. */
    public boolean replicaIdentityCoversUpdates() {
        return replicaIdentity.equals("full") || replicaIdentity.equals("index");
    }
}
