package dev.pgwarden.facts;

/**
 * An index marked invalid (pg_index.indisvalid = false), which pg_dump and so pg_upgrade leave out.
 *
 * @param indexDefinition  pg_get_indexdef as it is now, with a semicolon: recreates the index as it was
 * @param reindexLeftover  whether it is the {@code _ccnew}/{@code _ccold} copy an interrupted REINDEX
 *                         CONCURRENTLY left behind, which is to be dropped rather than rebuilt
 * @param createConcurrentlyStatement the definition as CREATE INDEX CONCURRENTLY
 * @param buildInProgress  whether a CREATE INDEX or REINDEX on its table is running now, so the index
 *                         may only be invalid until that build ends
 */
public record InvalidIndex(
        String indexName,
        String tableName,
        boolean isUnique,
        long indexBytes,
        String indexDefinition,
        boolean reindexLeftover,
        String reindexStatement,
        String dropStatement,
        String createConcurrentlyStatement,
        boolean buildInProgress) implements CatalogObject {

    @Override
    public String objectName() {
        return indexName;
    }
}
