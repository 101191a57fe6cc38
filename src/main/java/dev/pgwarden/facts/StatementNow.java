package dev.pgwarden.facts;

/** How often, and how fast, pg_stat_statements counts a statement now. */
public record StatementNow(long calls, Double meanMs) {
}
