package dev.pgwarden.probe;

/**
 * A statement the sampler saw waiting for a heavyweight lock, and the statement of the session at the root of
 * what blocked it in the same sample (followed through {@code pg_blocking_pids()} past blockers that were
 * themselves waiting for a lock). Texts are kept as the probe keeps statements: cut, and utility statements by
 * their first two words only.
 *
 * @param waitingQueryId  the waiting statement's query id; 0 when none was computed (13, compute_query_id off)
 * @param waitingQuery    the waiting statement's text
 * @param blockingQueryId the blocking session's query id (its current or last statement); 0 when none
 * @param blockingQuery   the blocking session's statement; null when it has none (a prepared transaction) or no
 *                        root was seen
 * @param blockingState   the blocking session's state ({@code idle in transaction}, {@code active} …), or
 *                        {@code prepared transaction}; null when no root was seen (a deadlock's cycle, a blocker
 *                        gone or the chain changed while the sample was read)
 * @param samples         samples of this pair (pairs of the same query ids count as one, their texts those of the first seen)
 */
public record BlockedStatement(long waitingQueryId, String waitingQuery, long blockingQueryId, String blockingQuery,
                               String blockingState, long samples) {

    public BlockedStatement {
        if (waitingQuery == null) {
            throw new IllegalArgumentException("waitingQuery must not be null");
        }
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, was " + samples);
        }
    }

    /** The same pair with another sample count. */
    BlockedStatement withSamples(long count) {
        return new BlockedStatement(waitingQueryId, waitingQuery, blockingQueryId, blockingQuery, blockingState, count);
    }

    /** {@code 'UPDATE …' (query id 12) behind 'SELECT …' (idle in transaction, query id 34)}. */
    public String describe() {
        String blocker = blockingState == null ? "no root seen in the sample (a deadlock, or the chain changed while it was read)"
                : blockingQuery == null ? "a " + blockingState
                : "'" + blockingQuery + "' (" + blockingState + queryId(blockingQueryId) + ")";
        return "'" + waitingQuery + "'" + (waitingQueryId == 0 ? "" : " (query id " + waitingQueryId + ")") + " behind " + blocker;
    }

    private static String queryId(long id) {
        return id == 0 ? "" : ", query id " + id;
    }
}
