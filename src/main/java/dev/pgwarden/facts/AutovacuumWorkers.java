package dev.pgwarden.facts;

/**
 * The autovacuum worker pool now.
 *
 * @param shortestBusySeconds how long the most recently started busy worker has held its slot
 * @param longestWorkers      the workers that have held their slots longest: pid, database, table, time
 */
public record AutovacuumWorkers(
        String serverName,
        boolean autovacuumOn,
        int maxWorkers,
        int proposedMaxWorkers,
        long busyWorkers,
        double shortestBusySeconds,
        String longestWorkers,
        String costDelay,
        String costLimit) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }
}
