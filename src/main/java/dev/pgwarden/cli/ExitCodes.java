package dev.pgwarden.cli;

import dev.pgwarden.report.NagiosState;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Verdict;
import java.util.List;
import java.util.Locale;

/** What pgwarden's exit status means; documented in the README. */
public final class ExitCodes {

    /** Every check passed or was skipped, or its findings were below {@code --fail-on}. */
    public static final int OK = 0;
    /** At least one check failed with a finding at or above {@code --fail-on}, or errored. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage, configuration, suite or rule file; nothing was run against the target. */
    public static final int USAGE = 2;
    /** The target could not be reached, or refused the login, or went away during the run. */
    public static final int UNREACHABLE = 3;

    /** Which set of exit codes {@code --exit-codes} asks for. */
    enum Style {
        /** The codes above. */
        DEFAULT,
        /** Nagios plugin states: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
        NAGIOS;

        static Style parse(String text) {
            for (Style style : values()) {
                if (style.name().equalsIgnoreCase(text.trim())) {
                    return style;
                }
            }
            throw new IllegalArgumentException("--exit-codes " + text + ": must be 'default' or 'nagios'");
        }

        /** The style a command line asks for, read before or without parsing it (for usage errors). */
        static Style of(List<String> args) {
            int at = args.indexOf("--exit-codes");
            boolean nagios = args.contains("--exit-codes=nagios") || at >= 0 && at + 1 < args.size()
                    && args.get(at + 1).toLowerCase(Locale.ROOT).equals("nagios");
            return nagios ? NAGIOS : DEFAULT;
        }
    }

    private ExitCodes() {
    }

    static int of(RunSummary run) {
        return of(run, Severity.WARNING, Style.DEFAULT);
    }

    static int of(RunSummary run, Severity failOn, Style style) {
        Verdict verdict = Verdict.of(run, failOn);
        if (style == Style.NAGIOS) {
            return NagiosState.of(verdict).code();
        }
        if (run.targetFailed()) {
            return UNREACHABLE;
        }
        return verdict.failed() ? CHECK_FAILED : OK;
    }

    /** Bad usage: 2, or UNKNOWN for Nagios. */
    static int usage(Style style) {
        return style == Style.NAGIOS ? NagiosState.UNKNOWN.code() : USAGE;
    }
}
