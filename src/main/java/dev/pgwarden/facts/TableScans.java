package dev.pgwarden.facts;

import java.time.Instant;

/**
 * Sequential and index scans of one table already large by its page count, sized exactly.
 *
 * @param lastSeqScan  from PostgreSQL 16; null before
 * @param statsReset   start of the statistics window the counters cover; null if never reset
 * @param statementsAvailable whether pg_stat_statements is installed in this database
 */
public record TableScans(
        String qualifiedName,
        String schemaName,
        String tableName,
        long tableBytes,
        String tableSize,
        long seqScan,
        long seqTupRead,
        long idxScan,
        Instant lastSeqScan,
        Instant statsReset,
        boolean statementsAvailable) implements CatalogObject {

    @Override
    public String objectName() {
        return qualifiedName;
    }
}
