package dev.pgwarden.cli;

import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;

/** What pgwarden's exit status means; documented in the README. */
public final class ExitCodes {

    /** Every check passed or was skipped. */
    public static final int OK = 0;
    /** At least one check failed or errored. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage, configuration, suite or rule file; nothing was run against the target. */
    public static final int USAGE = 2;
    /** The target could not be reached, or refused the login, or went away during the run. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }

    static int of(RunSummary run) {
        if (run.targetFailed()) {
            return UNREACHABLE;
        }
        boolean broken = run.count(Status.FAILED) + run.count(Status.ERROR) > 0;
        return broken ? CHECK_FAILED : OK;
    }
}
