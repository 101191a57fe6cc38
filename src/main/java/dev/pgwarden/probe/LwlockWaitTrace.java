package dev.pgwarden.probe;

import java.util.Objects;

/**
 * Waits for the LWLocks of one tranche ({@code WALWrite}, {@code BufferMapping}, {@code LockManager}, …),
 * from lwlock__wait__start to lwlock__wait__done: only the contended acquisitions, which sleep.
 *
 * @param tranche   the tranche's name as the server reports it
 * @param histogram the wait times in microseconds
 * @param totalUs   their sum
 */
public record LwlockWaitTrace(String tranche, LatencyHistogram histogram, long totalUs) {

    public LwlockWaitTrace {
        Objects.requireNonNull(tranche, "tranche must not be null");
        Objects.requireNonNull(histogram, "histogram must not be null");
    }
}
