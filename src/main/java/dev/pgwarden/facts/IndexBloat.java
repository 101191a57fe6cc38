package dev.pgwarden.facts;

/**
 * A btree index's free space, estimated from planner statistics (see index_bloat.sql).
 *
 * @param statsReadable        whether this role can read the statistics of the index's table (needs SELECT on it)
 * @param estimable            whether every column has statistics (none of type name) and reltuples is known
 * @param estimatedWastedBytes null unless estimable
 */
public record IndexBloat(
        String indexName,
        String tableName,
        long indexBytes,
        String indexSize,
        boolean statsReadable,
        boolean estimable,
        Long estimatedWastedBytes,
        Double estimatedBloatFraction,
        String reindexStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return indexName;
    }
}
