package dev.pgwarden.facts;

import java.time.Instant;

/**
 * An index that enforces nothing, with its scans since the statistics window began (see unused_indexes.sql).
 *
 * @param lastIdxScan       its last scan, from PostgreSQL 16; null before, or if never scanned
 * @param statsSince        when the statistics window began: the latest statistics reset (a crash resets too)
 * @param statsWindowMicros how long the window has been open
 * @param lastScanAgeMicros how long ago its last scan was; null when {@code lastIdxScan} is
 * @param partitioned       whether it is a partitioned index (sizes and scans of its partitions' indexes
 *                          summed), which cannot be dropped or created CONCURRENTLY
 * @param recreateStatement its definition as it is now, CONCURRENTLY where that is possible
 */
public record UnusedIndex(
        String indexName,
        String tableName,
        long indexBytes,
        String indexSize,
        long idxScan,
        Instant lastIdxScan,
        Instant statsSince,
        long statsWindowMicros,
        Long lastScanAgeMicros,
        boolean partitioned,
        String indexDefinition,
        String dropStatement,
        String recreateStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return indexName;
    }

    /** Days the statistics window has been open, for messages. */
    public double statsWindowDays() {
        return statsWindowMicros / 86_400e6;
    }
}
