package dev.pgwarden.facts;

import java.time.Instant;

/**
 * The longest-open session holding a lock on a table that autovacuum's lock conflicts with, so that autovacuum
 * passes the table over. Read on demand: only a table already behind on vacuum or analyze asks for it.
 *
 * @param qualifiedName     the table, schema-qualified and quoted as {@link TableMaintenance#qualifiedName()}
 * @param lockHolder        the session, by pid, user, application and state
 * @param lockHolderMode    the lock mode it holds
 * @param lockHolderSince   when its transaction began
 * @param lockHolderSeconds how long that transaction has been open
 * @param lockRelease       the statement that would end that session
 */
public record TableLockHolder(
        String qualifiedName,
        String lockHolder,
        String lockHolderMode,
        Instant lockHolderSince,
        Double lockHolderSeconds,
        String lockRelease) {
}
