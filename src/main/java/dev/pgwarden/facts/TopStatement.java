package dev.pgwarden.facts;

/** A statement of pg_stat_statements with the most total execution time, its entries of every role summed. */
public record TopStatement(long queryid, String query, long calls, Double meanMs, double totalMs) {
}
