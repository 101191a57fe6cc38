package dev.pgwarden.facts;

/**
 * A session waiting for a heavyweight lock, and the root of the chain of sessions that blocks it (the
 * first blocker, following {@code pg_blocking_pids()}, that waits for nobody).
 *
 * @param relationName the locked relation, schema-qualified and quoted where needed; null for locks not
 *                     on a relation (a transaction ID: a row another transaction changed)
 * @param waitUs       how long it has waited, in microseconds
 * @param blockingPids the sessions that block it directly, comma-separated
 * @param rootPid      the root blocker with the oldest transaction; 0 for a prepared transaction, null when
 *                     the chain is a cycle (a deadlock the server breaks by itself)
 * @param lockTarget   what it waits for: {@code AccessExclusiveLock on relation public.orders}
 * @param rootPids     every root of its chains, the oldest transaction first (rootPid)
 */
public record LockWait(
        int waitingPid,
        String userName,
        String applicationName,
        String databaseName,
        String lockType,
        String lockMode,
        String relationName,
        String lockTarget,
        long waitUs,
        String waitTime,
        String blockingPids,
        Integer rootPid,
        String rootPids,
        String rootBackendType,
        String rootUser,
        String rootApplication,
        String rootState,
        String rootXactAge,
        String rootTerminateStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return "pid " + waitingPid;
    }

    /** The root blocker, as a sentence fragment. */
    public String rootDescription() {
        if (rootPid == null) {
            return "no root: the blockers wait for each other (a deadlock, broken after deadlock_timeout)";
        }
        if (rootPid == 0) {
            return "a prepared transaction (see pg_prepared_xacts)";
        }
        return String.format("pid %d (%s, user %s, application %s, %s, transaction open %s)", rootPid, rootBackendType,
                rootUser, rootApplication, rootState, rootXactAge);
    }
}
