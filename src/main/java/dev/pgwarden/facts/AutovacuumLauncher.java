package dev.pgwarden.facts;

import java.time.Instant;

/**
 * Whether autovacuum can start a worker for a table that is past its trigger: how often it visits each
 * database and whether its worker slots are all taken. One per check run.
 *
 * @param naptimeSeconds        autovacuum_naptime: the launcher starts a worker in each database once per naptime
 * @param busyWorkers           autovacuum workers running now
 * @param youngestWorkerStart   when the most recently started of them started; null when none runs
 * @param youngestWorkerSeconds how long ago that was: when all slots are busy, no worker could start since
 */
public record AutovacuumLauncher(
        long naptimeSeconds,
        int maxWorkers,
        int busyWorkers,
        Instant youngestWorkerStart,
        Double youngestWorkerSeconds) {
}
