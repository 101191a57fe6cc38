package dev.pgwarden.facts;

/** A table that has planner statistics in {@code pg_stats}, so it was analyzed at some time. */
record PlannerStatistics(String schemaName, String tableName) {
}
