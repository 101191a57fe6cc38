package dev.pgwarden.facts;

import java.time.Instant;

/**
 * One statement's execution times from pg_stat_statements.
 *
 * @param p99BoundMs a 99th percentile that cannot under-report: min(mean + √99 × stddev, max) (Cantelli's inequality)
 * @param statsSince when the entry's statistics began (17+), when all were reset (14–16); null on 13
 * @param queryStart the start of its text, without literals; utility statements by their first two words
 */
public record StatementLatency(
        String objectName,
        long queryid,
        String databaseName,
        String userName,
        long calls,
        long rows,
        long sharedBlksRead,
        double meanMs,
        double stddevMs,
        double maxMs,
        double p99BoundMs,
        Instant statsSince,
        String queryStart) implements CatalogObject, StatementsBehind {

    @Override
    public java.util.Optional<StatementMatch> statementsBehind() {
        return java.util.Optional.of(new StatementMatch.Queryid(queryid));
    }
}
