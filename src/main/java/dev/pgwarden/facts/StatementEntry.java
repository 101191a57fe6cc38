package dev.pgwarden.facts;

/**
 * One pg_stat_statements entry behind a finding.
 *
 * @param query      the normalized text ({@code $1} for constants), for EXPLAIN only: evidence shows {@code queryStart}
 * @param planned    a statement kind with a plan (SELECT, INSERT, UPDATE, DELETE, MERGE, WITH, VALUES, TABLE)
 * @param queryStart the start of the text without literals; utility statements by their first two words
 */
public record StatementEntry(
        long queryid,
        String userName,
        long calls,
        long rows,
        long sharedBlksRead,
        double totalMs,
        double meanMs,
        String query,
        boolean planned,
        String queryStart) {

    static final String HIDDEN = "<insufficient privilege>";

    /** Whether this role may read the text (pg_read_all_stats sees every role's). */
    public boolean textVisible() {
        return !HIDDEN.equals(query);
    }
}
