package dev.pgwarden.facts;

/**
 * The server's relation reads that came from large sequential scans (pg_stat_io context bulkread, PostgreSQL
 * 16+): those miss the cache whatever shared_buffers is.
 *
 * @param bulkReadShare bulkread reads / all relation reads; null before 16 or without reads
 * @param relationReads all relation reads since pg_stat_io's reset; null before 16
 * @param bulkReads     the two in a sentence, or that they are not measured
 */
public record BulkReads(Double bulkReadShare, Long relationReads, String bulkReads) {
}
