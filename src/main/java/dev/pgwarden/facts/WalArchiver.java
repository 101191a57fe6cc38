package dev.pgwarden.facts;

import java.time.Instant;

/**
 * The WAL archiver's last success and failure, and the completed segments still waiting to be archived.
 *
 * @param readyCount       segments with a .ready file in pg_wal/archive_status
 * @param oldestReadyAgeUs age of the oldest waiting segment's .ready file, in microseconds; null when none waits
 */
public record WalArchiver(
        String serverName,
        String archiveMode,
        boolean inRecovery,
        long archivedCount,
        String lastArchivedWal,
        Instant lastArchivedTime,
        long failedCount,
        String lastFailedWal,
        Instant lastFailedTime,
        Instant statsReset,
        long readyCount,
        String oldestReadyWal,
        Instant oldestReadyTime,
        Long oldestReadyAgeUs,
        String oldestReadyAge) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }

    /** Whether this server archives: archive_mode on (a primary) or always (either). */
    public boolean archiving() {
        return "always".equals(archiveMode) || ("on".equals(archiveMode) && !inRecovery);
    }

    /** The archiver's latest attempt failed: a failure and no success since. */
    public boolean lastAttemptFailed() {
        return lastFailedTime != null && (lastArchivedTime == null || lastFailedTime.isAfter(lastArchivedTime));
    }
}
