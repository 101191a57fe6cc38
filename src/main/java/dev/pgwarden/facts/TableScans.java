package dev.pgwarden.facts;

import java.time.Instant;

/**
 * Sequential and index scans of one table already large by its page count, sized exactly.
 *
 * @param indexName    a name for an index on the table, quoted: {@code <table>_pgwarden_idx}
 * @param qualifiedIndexName that name with the table's schema
 * @param tableNamePattern   a quoted LIKE pattern matching statements that name the table
 * @param lastSeqScan  from PostgreSQL 16; null before
 * @param statsReset   start of the statistics window the counters cover; null if never reset
 * @param statementsAvailable whether pg_stat_statements is installed in this database
 */
public record TableScans(
        String qualifiedName,
        String schemaName,
        String tableName,
        String indexName,
        String qualifiedIndexName,
        String tableNamePattern,
        long tableBytes,
        String tableSize,
        long seqScan,
        long seqTupRead,
        long idxScan,
        Instant lastSeqScan,
        Instant statsReset,
        boolean statementsAvailable) implements CatalogObject, StatementsBehind {

    @Override
    public String objectName() {
        return qualifiedName;
    }

    /** The statements whose text reads this table. */
    @Override
    public java.util.Optional<StatementMatch> statementsBehind() {
        return java.util.Optional.of(new StatementMatch.ReadingTable(schemaName, tableName));
    }
}
