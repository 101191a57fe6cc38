package dev.pgwarden.rules;

/** A rule file or its metadata cannot be used; the message names the file and, where known, the line. */
public final class RuleLoadException extends Exception {

    public RuleLoadException(String message) {
        super(message);
    }

    public RuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
