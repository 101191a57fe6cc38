package dev.pgwarden.probe;

import java.util.Objects;

/**
 * Waits for one heavyweight lock tag kind, mode and relation, from lock__wait__start to lock__wait__done.
 *
 * @param lockType    the lock tag's type ({@code relation}, {@code tuple}, {@code transactionid}, …)
 * @param mode        the requested mode ({@code RowExclusiveLock}, {@code ShareLock}, …)
 * @param databaseOid the tag's database for tags on a relation, page or tuple; 0 for other tags
 * @param relationOid the tag's relation, likewise; 0 for other tags
 * @param histogram   the wait times in microseconds
 * @param totalUs     their sum
 */
public record LockWaitTrace(String lockType, String mode, long databaseOid, long relationOid,
                            LatencyHistogram histogram, long totalUs) {

    public LockWaitTrace {
        Objects.requireNonNull(lockType, "lockType must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        Objects.requireNonNull(histogram, "histogram must not be null");
    }
}
