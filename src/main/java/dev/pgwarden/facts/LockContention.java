package dev.pgwarden.facts;

/**
 * Waits for one heavyweight lock (tag type, mode, relation) as the probe measured them from PostgreSQL's
 * lock__wait__start/done USDT probes.
 *
 * @param relation        {@code schema.table}, or numbers and database where the checked database cannot name it;
 *                        {@code -} for tags on no relation (transactionid, virtualxid, advisory, …)
 * @param lockType        pg_locks' locktype: relation, tuple, transactionid, …
 * @param mode            the requested mode, e.g. ShareLock
 * @param waits           waits measured
 * @param totalWaitMs     their summed time
 * @param shareOfDuration total wait time over the probe's duration: how many backends waited on average
 * @param p99Us           the estimated 99th percentile wait, in microseconds
 * @param p99LowerUs      the lower bound of its log2 bucket
 * @param durationS       the probe's duration
 * @param statements      the waiting and blocking statements the probe's wait-event sampler saw for this lock type,
 *                        or why it saw none
 * @param source          the probe file and run, for evidence
 */
public record LockContention(String relation, String lockType, String mode, long waits, double totalWaitMs,
                             double shareOfDuration, double p99Us, long p99LowerUs, double durationS, String statements,
                             String source)
        implements CatalogObject {

    /** The relation, or the lock tag's type for a tag on no relation. */
    @Override
    public String objectName() {
        return relation.equals("-") ? lockType + " locks" : relation;
    }
}
