package dev.pgwarden.facts;

/**
 * Tables of the connected database past autovacuum's vacuum trigger that no worker is on.
 *
 * @param mostWaiting up to ten of them, most dead tuples first, with their trigger and last vacuum
 */
public record AutovacuumBacklog(String databaseName, long waitingTables, String mostWaiting) {
}
