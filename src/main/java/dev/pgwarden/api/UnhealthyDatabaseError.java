package dev.pgwarden.api;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import java.util.List;
import java.util.stream.Collectors;

/** A test's database is not healthy: the message lists each failing check's objects and what to run. */
public final class UnhealthyDatabaseError extends AssertionError {

    private final transient List<CheckResult> results;

    UnhealthyDatabaseError(List<CheckResult> results) {
        super(message(results));
        this.results = List.copyOf(results);
    }

    /** The checks that failed or errored. */
    public List<CheckResult> results() {
        return results;
    }

    private static String message(List<CheckResult> results) {
        return results.stream().map(UnhealthyDatabaseError::describe).collect(Collectors.joining(System.lineSeparator()));
    }

    private static String describe(CheckResult r) {
        if (r.findings().isEmpty()) {
            return r.id() + ": " + r.status().label() + ": " + r.reason();
        }
        return r.id() + ": " + r.findings().stream().map(UnhealthyDatabaseError::describe)
                .collect(Collectors.joining(System.lineSeparator() + "  ", System.lineSeparator() + "  ", ""));
    }

    private static String describe(Finding f) {
        return "[" + f.severity().label() + "] " + f.object() + ": " + f.message() + System.lineSeparator()
                + "    remediation: " + f.remediation().replace("\n", System.lineSeparator() + "      ");
    }
}
