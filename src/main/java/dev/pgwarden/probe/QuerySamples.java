package dev.pgwarden.probe;

/**
 * How many of one wait event's samples were of one statement.
 *
 * @param queryId the statement's query id ({@code pg_stat_activity.query_id}, the same as
 *                {@code pg_stat_statements.queryid})
 * @param samples active-backend samples of that statement in that wait event
 */
public record QuerySamples(long queryId, long samples) {

    public QuerySamples {
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, was " + samples);
        }
    }
}
