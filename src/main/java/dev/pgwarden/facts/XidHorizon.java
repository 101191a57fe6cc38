package dev.pgwarden.facts;

import java.time.Instant;

/**
 * What holds the transaction ID horizon back, so freezing cannot advance past it: the oldest running
 * transaction, prepared transactions and replication slots.
 *
 * @param releaseStatements statements that would release each holder, one per line; empty when none
 */
public record XidHorizon(
        Integer oldestXactPid,
        Long oldestXactAge,
        String oldestXactUser,
        String oldestXactApplication,
        String oldestXactState,
        Instant oldestXactStart,
        long preparedXacts,
        String oldestPreparedGid,
        Long oldestPreparedAge,
        String oldestSlotName,
        Long oldestSlotXminAge,
        String releaseStatements) {
}
