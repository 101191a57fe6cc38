package dev.pgwarden.facts;

import java.time.Instant;

/**
 * Vacuum and analyze state of one table (ordinary, materialized or partitioned) with autovacuum's own
 * triggers for it, computed from the server settings overridden by the table's reloptions.
 *
 * @param estimatedRows      the larger of reltuples and n_live_tup; for a partitioned table, over its leaves
 * @param vacuumTrigger      dead tuples at which autovacuum vacuums: threshold + scale factor × reltuples
 * @param insertTrigger      inserts at which autovacuum vacuums; null when the insert trigger is disabled
 * @param analyzeTrigger     modifications at which autovacuum analyzes
 * @param autovacuumEnabled  whether autovacuum may process the table at all (server setting and reloption)
 * @param autovacuumEnabledReloption the table's own autovacuum_enabled reloption as set, or null
 * @param analyzeScaleFactorRollback restores the table's autovacuum_analyze_scale_factor as it is now
 * @param vacuumCostLimitRollback    restores the table's autovacuum_vacuum_cost_limit as it is now
 * @param analyzed           whether the table has statistics from an ANALYZE (manual or automatic)
 */
public record TableMaintenance(
        String qualifiedName,
        String schemaName,
        String tableName,
        String relkind,
        double estimatedRows,
        long nLiveTup,
        long nDeadTup,
        long nModSinceAnalyze,
        long nInsSinceVacuum,
        Instant lastVacuum,
        Instant lastAutovacuum,
        Instant lastAnalyze,
        Instant lastAutoanalyze,
        String reloptions,
        boolean autovacuumEnabled,
        String autovacuumEnabledReloption,
        boolean autovacuumGloballyOn,
        double vacuumTrigger,
        Double insertTrigger,
        double analyzeTrigger,
        boolean vacuumRunning,
        String analyzeScaleFactorRollback,
        String vacuumCostLimitRollback,
        boolean analyzed) implements CatalogObject {

    @Override
    public String objectName() {
        return qualifiedName;
    }

    public boolean partitioned() {
        return "p".equals(relkind);
    }
}
