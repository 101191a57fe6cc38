package dev.pgwarden.facts;

/**
 * The WAL directory's size against what the server means to keep, with what commonly holds WAL back.
 *
 * @param slotsHoldingWal    replication slots with the WAL each retains, most first
 * @param slotRetainedBytes  WAL the oldest slot keeps
 * @param archivingFailing   the last archive attempt failed after the last success
 */
public record WalUsage(
        String serverName,
        long walFiles,
        long walBytes,
        String walSize,
        long maxWalSizeBytes,
        String maxWalSize,
        long walKeepSizeBytes,
        String walKeepSize,
        long slots,
        String slotsHoldingWal,
        long slotRetainedBytes,
        String archiveMode,
        long archiveFailedCount,
        String archiveLastFailedWal,
        boolean archivingFailing) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }
}
