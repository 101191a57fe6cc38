package dev.pgwarden.facts;

/**
 * A permanent logical replication slot, with what decides whether pg_upgrade can carry it.
 *
 * @param invalidationReason why the slot can no longer be used ({@code wal_removed}, …); null when valid
 * @param lagBytes           WAL between the server's current position and what the consumer confirmed;
 *                           null when nothing was confirmed yet
 * @param createStatement    creates the slot again with the same name, plugin and options; it starts
 *                           decoding at the WAL position of its creation
 */
public record LogicalSlot(
        String slotName,
        String plugin,
        String databaseName,
        boolean active,
        String walStatus,
        String invalidationReason,
        Long lagBytes,
        String dropStatement,
        String createStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return slotName;
    }

    public boolean invalid() {
        return invalidationReason != null;
    }
}
