package dev.pgwarden.facts;

/**
 * The autovacuum worker pool now.
 *
 * @param shortestBusySeconds how long the most recently started busy worker has held its slot
 * @param longestWorkers      the workers that have held their slots longest: pid, database, table, time
 * @param tableRemediation    lifts the cost delay of the connected database's table the longest worker is on
 * @param tableRollback       restores that table's own cost delay as it is now (RESET when it has none)
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
        String costLimit,
        String tableRemediation,
        String tableRollback) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }
}
