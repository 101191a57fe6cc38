package dev.pgwarden.facts;

import java.time.Instant;

/**
 * Checkpoints of the server since their statistics were reset, with max_wal_size as it is now.
 *
 * @param requestedShare      requested / (timed + requested); 0 without checkpoints
 * @param statsReset          start of the window the counters cover; null when never recorded
 * @param statsKind           what pg_stat_reset_shared() resets them by: bgwriter, or checkpointer from 17
 * @param windowHours         hours since statsReset (since the postmaster started when null)
 * @param proposedMaxWalSize  twice the value in force, in MB
 */
public record CheckpointActivity(
        String serverName,
        long timed,
        long requested,
        long total,
        double requestedShare,
        Instant statsReset,
        String statsKind,
        double windowHours,
        String maxWalSize,
        String checkpointTimeout,
        String proposedMaxWalSize) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }
}
