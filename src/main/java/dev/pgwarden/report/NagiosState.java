package dev.pgwarden.report;

import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Verdict;

/**
 * The Nagios plugin states with their exit codes. A run is as bad as its worst counted finding; a check
 * that errored or a target that could not be checked makes it UNKNOWN unless a finding made it worse.
 */
public enum NagiosState {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    UNKNOWN(3);

    private final int code;

    NagiosState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NagiosState of(Verdict verdict) {
        if (verdict.worstCounted().isPresent()) {
            return verdict.worstCounted().get() == Severity.CRITICAL ? CRITICAL : WARNING;
        }
        return verdict.errored() || verdict.targetFailed() ? UNKNOWN : OK;
    }
}
