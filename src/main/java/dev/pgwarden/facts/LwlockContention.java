package dev.pgwarden.facts;

/**
 * Waits for the LWLocks of one tranche as the probe measured them from PostgreSQL's lwlock__wait__start/done USDT
 * probes (only acquisitions that had to sleep).
 *
 * @param tranche       the tranche: WALWrite, BufferMapping, LockManager, ProcArray, …
 * @param waits         waits measured
 * @param totalWaitMs   their summed time
 * @param activeMs      the statements' summed time in the same run: the backends' active time
 * @param shareOfActive totalWaitMs over activeMs (0 when no statement was measured)
 * @param p99Us         the estimated 99th percentile wait, in microseconds
 * @param measuredIn    the backends the waits and statements were measured in: every backend, or the probe's sample
 * @param source        the probe file and run, for evidence
 */
public record LwlockContention(String tranche, long waits, double totalWaitMs, double activeMs, double shareOfActive,
                               double p99Us, String measuredIn, String source) implements CatalogObject {

    @Override
    public String objectName() {
        return "LWLock tranche " + tranche;
    }
}
