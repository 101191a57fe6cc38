package dev.pgwarden.facts;

/**
 * The autovacuum worker pool now.
 *
 * @param shortestBusySeconds how long the most recently started busy worker has held its slot
 * @param longestWorkers      the workers that have held their slots longest: pid, database, table, time
 * @param maxWorkersApply     what applies a new autovacuum_max_workers: a reload (18+) or a restart
 * @param settingsRollback    statements restoring autovacuum_max_workers and the cost settings as they are now
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
        String maxWorkersApply,
        String settingsRollback) implements CatalogObject {

    @Override
    public String objectName() {
        return serverName;
    }
}
