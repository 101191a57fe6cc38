package dev.pgwarden.facts;

import java.time.Instant;

/**
 * A replication slot, physical or logical, with what it keeps the server from removing: WAL from its
 * restart position and, for a logical slot or a physical one with hot_standby_feedback, old row
 * versions ({@code xmin}, {@code catalog_xmin}).
 *
 * @param description        {@code physical}, or {@code logical, plugin pgoutput, database shop}
 * @param walStatus          reserved, extended, unreserved or lost
 * @param safeWalSize        bytes of WAL that can still be written before the slot is lost; null when
 *                           max_slot_wal_keep_size is unlimited
 * @param invalidationReason why the slot can no longer be used ({@code wal_removed}, …); null when valid
 * @param inactiveSince      when its consumer went away (17+); null while in use and before 17
 * @param inactiveUs         time since then, in microseconds
 * @param retainedBytes      WAL from the slot's restart position to the server's current position; null
 *                           when the slot reserves none
 * @param lagBytes           for a logical slot, WAL between the server's current position and what the
 *                           consumer confirmed; null when nothing was confirmed yet or physical
 * @param oldestXminAge      the older of xmin and catalog_xmin ages; 0 when it holds neither
 * @param createStatement    creates the slot again with the same name, type, plugin and options; it keeps
 *                           WAL from its creation onward only
 */
public record ReplicationSlot(
        String slotName,
        String slotType,
        String plugin,
        String databaseName,
        String description,
        boolean temporary,
        boolean active,
        Integer activePid,
        String walStatus,
        Long safeWalSize,
        String invalidationReason,
        Instant inactiveSince,
        Long inactiveUs,
        Long retainedBytes,
        String retained,
        Long lagBytes,
        Long xminAge,
        Long catalogXminAge,
        long oldestXminAge,
        String dropStatement,
        String createStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return slotName;
    }

    public boolean invalid() {
        return invalidationReason != null;
    }

    public boolean logical() {
        return "logical".equals(slotType);
    }
}
