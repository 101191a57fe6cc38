package dev.pgwarden.facts;

import java.time.Instant;

/**
 * This server's side of replication: on a primary, how many standbys stream from it; on a standby, how
 * far replay is behind the WAL received.
 *
 * @param replayBehindBytes  received WAL not replayed yet; null on a primary
 * @param replayDelayUs      time since the last replayed commit, only while received WAL waits for replay;
 *                           null when replay has caught up (an idle primary is no delay)
 * @param minApplyDelayUs    recovery_min_apply_delay: how far behind the standby is kept on purpose
 */
public record ReplicationState(
        String serverName,
        boolean inRecovery,
        long streamingStandbys,
        String standbys,
        String receiveLsn,
        String replayLsn,
        Long replayBehindBytes,
        Instant lastReplayedCommit,
        Long replayDelayUs,
        String replayDelay,
        boolean replayPaused,
        String receiverStatus,
        String sender,
        long minApplyDelayUs) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }
}
