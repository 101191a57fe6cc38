package dev.pgwarden.facts;

import java.time.Instant;

/**
 * A WAL receiver streaming from this server (a standby, pg_basebackup or pg_receivewal), with how far
 * it is behind.
 *
 * @param replayLagBytes WAL written here that it has not replayed yet
 * @param replayLagUs    time from a commit here to its replay there, as last measured; null once it has
 *                       replayed everything and no WAL is being written
 */
public record Standby(
        String standbyName,
        int pid,
        String clientAddress,
        String state,
        String syncState,
        String replayLsn,
        Long replayLagBytes,
        Long replayLagUs,
        String replayLag,
        Long writeLagUs,
        Long flushLagUs,
        Instant replyTime) implements CatalogObject {

    @Override
    public String objectName() {
        return standbyName;
    }
}
