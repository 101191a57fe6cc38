package dev.pgwarden.facts;

import java.time.Instant;

/**
 * One database's temporary files and buffer cache over its statistics window (pg_stat_database).
 *
 * @param blockAccesses        blocks found in shared buffers plus blocks read from outside them
 * @param hitRatio             blksHit / blockAccesses; 1 without accesses
 * @param statsReset           the database's own reset time; null when never reset (from PostgreSQL 15)
 * @param windowStart          statsReset, or when the cluster's statistics began when that is null
 * @param workMem              the value its sessions get: the database's setting, else the server's
 * @param workMemLevel         {@code database} or {@code server}
 * @param workMemRemediation   ALTER DATABASE ... SET work_mem to a larger value
 * @param workMemRollback      the statement that restores the database's work_mem as it is now
 */
public record DatabaseActivity(
        String databaseName,
        long tempFiles,
        long tempBytes,
        long blksRead,
        long blksHit,
        long blockAccesses,
        double hitRatio,
        Instant statsReset,
        Instant windowStart,
        double windowHours,
        double tempBytesPerHour,
        String tempPerHour,
        String meanTempFile,
        String workMem,
        String workMemLevel,
        String workMemRemediation,
        String workMemRollback,
        String sharedBuffers) implements CatalogObject {

    @Override
    public String objectName() {
        return databaseName;
    }
}
