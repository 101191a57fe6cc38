package dev.pgwarden.facts;

/**
 * Whether the checking role sees every session in the statistics views. Without pg_read_all_stats the
 * views hide other roles' state, times and query as NULL instead of failing.
 */
public record StatsVisibility(String roleName, boolean readsAllStats) {
}
