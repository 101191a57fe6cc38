package dev.pgwarden.facts;

import java.time.Instant;

/**
 * What holds the xmin horizon of the connected database's tables, so that no vacuum may remove the row
 * versions it may still see: the oldest transaction, prepared transaction or inactive replication slot.
 * Absent when nothing does.
 *
 * @param horizonHolderKind    transaction, prepared transaction or replication slot
 * @param horizonHolder        which one, by pid, gid or slot name
 * @param horizonHolderSince   when its transaction began; null for a replication slot, which holds its xmin
 *                             until it is dropped or its standby comes back
 * @param horizonHolderSeconds how long its transaction has been open; null for a replication slot
 * @param horizonRelease       the statement that would release it
 */
public record VacuumHorizon(
        String horizonHolderKind,
        String horizonHolder,
        Instant horizonHolderSince,
        Double horizonHolderSeconds,
        long horizonHolderXminAge,
        String horizonRelease) {
}
