package dev.pgwarden.engine;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * How a check with findings fails its test: the message lists each object and what is wrong with it, with
 * the remediation, so a CI log alone says what to do.
 */
public final class CheckFailedError extends AssertionFailedError {

    public CheckFailedError(CheckResult result) {
        super(message(result));
    }

    static String message(CheckResult result) {
        String findings = result.findings().stream()
                .map(CheckFailedError::describe)
                .collect(Collectors.joining(System.lineSeparator()));
        int count = result.findings().size();
        return result.id() + ": " + count + (count == 1 ? " finding" : " findings") + System.lineSeparator() + findings;
    }

    private static String describe(Finding f) {
        return "- [" + f.severity().label() + "] " + f.object() + ": " + f.message() + System.lineSeparator()
                + "  remediation: " + f.remediation().replace("\n", System.lineSeparator() + "    ") + System.lineSeparator()
                + "  rollback: " + f.rollback().replace("\n", System.lineSeparator() + "    ");
    }
}
