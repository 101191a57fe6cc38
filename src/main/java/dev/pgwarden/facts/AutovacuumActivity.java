package dev.pgwarden.facts;

import java.time.Instant;

/**
 * Whether autovacuum can get to tables that are past their triggers: how often it visits each database,
 * whether its workers are all busy, and what holds the xmin horizon of the connected database (the oldest
 * snapshot whose dead rows no vacuum may remove). One per check run.
 *
 * @param checkedAt            when the statistics were read: the clock the other times are measured against
 * @param naptimeSeconds       autovacuum_naptime: the launcher starts a worker in each database once per naptime
 * @param busyWorkers          autovacuum workers running now
 * @param youngestWorkerStart  when the most recently started of them started; null when none runs
 * @param youngestWorkerSeconds how long ago that was: every slot has been taken at least that long
 * @param horizonHolderKind    transaction, prepared transaction or replication slot; null when nothing holds it
 * @param horizonHolderSince   when the holder's transaction began; null for a replication slot, which holds
 *                             its xmin until it is dropped or its standby comes back
 * @param horizonHolderSeconds how long the holder's transaction has been open; null for a slot
 * @param horizonRelease       the statement that would release the holder
 */
public record AutovacuumActivity(
        Instant checkedAt,
        long naptimeSeconds,
        int maxWorkers,
        int busyWorkers,
        Instant youngestWorkerStart,
        Double youngestWorkerSeconds,
        String horizonHolderKind,
        String horizonHolder,
        Instant horizonHolderSince,
        Double horizonHolderSeconds,
        Long horizonHolderXminAge,
        String horizonRelease) {
}
