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
 * @param secondsSinceVacuum how long ago the table's latest vacuum (manual or automatic) ended; null when none is recorded
 * @param analyzed           whether the table has statistics from an ANALYZE (manual or automatic); null only between
 *                           its query and {@link AnalyzedFromPlannerStatistics}, never in a rule
 * A session whose lock keeps autovacuum from the table is a fact of its own, {@link TableLockHolder}.
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
        Double secondsSinceVacuum,
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
        Boolean analyzed) implements CatalogObject {

    /** The same table, with whether it was analyzed now known. */
    TableMaintenance withAnalyzed(boolean known) {
        return new TableMaintenance(qualifiedName, schemaName, tableName, relkind, estimatedRows, nLiveTup, nDeadTup,
                nModSinceAnalyze, nInsSinceVacuum, lastVacuum, lastAutovacuum, lastAnalyze, lastAutoanalyze,
                secondsSinceVacuum, reloptions, autovacuumEnabled, autovacuumEnabledReloption, autovacuumGloballyOn,
                vacuumTrigger, insertTrigger, analyzeTrigger, vacuumRunning, analyzeScaleFactorRollback,
                vacuumCostLimitRollback, known);
    }

    @Override
    public String objectName() {
        return qualifiedName;
    }

    public boolean partitioned() {
        return "p".equals(relkind);
    }

    /** The end of the table's most recent vacuum, manual or automatic; null when none is recorded. */
    public Instant lastVacuumedAt() {
        if (lastVacuum == null || lastAutovacuum == null) {
            return lastVacuum == null ? lastAutovacuum : lastVacuum;
        }
        return lastVacuum.isAfter(lastAutovacuum) ? lastVacuum : lastAutovacuum;
    }

    /**
     * What puts the table past its vacuum trigger, with the numbers, for a finding's message: its dead tuples
     * when they are at least {@code minTuples} and past {@code factor} × the trigger, else its inserts.
     */
    public String vacuumBacklog(long minTuples, double factor) {
        if (nDeadTup >= minTuples && nDeadTup > vacuumTrigger * factor) {
            return String.format("%d dead tuples (%d live) is %.1f× its autovacuum trigger of %.0f",
                    nDeadTup, nLiveTup, nDeadTup / Math.max(vacuumTrigger, 1.0), vacuumTrigger);
        }
        double trigger = insertTrigger == null ? 0 : insertTrigger;
        return String.format("%d rows inserted since the last vacuum is %.1f× its autovacuum insert trigger of %.0f",
                nInsSinceVacuum, nInsSinceVacuum / Math.max(trigger, 1.0), trigger);
    }

    /** What is wrong with the table's planner statistics, with the numbers, for a finding's message. */
    public String analyzeBacklog() {
        if (!analyzed) {
            return String.format("about %.0f rows and never analyzed: the planner guesses row counts for it", estimatedRows);
        }
        return String.format("%d rows modified since the last analyze is %.1f× its autovacuum analyze trigger of %.0f; "
                        + "last analyze %s, last autoanalyze %s",
                nModSinceAnalyze, nModSinceAnalyze / Math.max(analyzeTrigger, 1.0), analyzeTrigger,
                lastAnalyze == null ? "never" : lastAnalyze, lastAutoanalyze == null ? "never" : lastAutoanalyze);
    }

    /** Why autovacuum will never process the table by itself; null when it may. */
    public String autovacuumExclusion() {
        if (partitioned()) {
            return "a partitioned table: autovacuum never analyzes it, only its partitions";
        }
        if (!autovacuumGloballyOn) {
            return "autovacuum is off for the whole server";
        }
        return autovacuumEnabled ? null : "autovacuum is disabled for this table (" + reloptions + ")";
    }
}
