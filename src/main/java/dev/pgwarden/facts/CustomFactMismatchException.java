package dev.pgwarden.facts;

/** A rules directory's fact query does not return what its YAML declares; the message names the file and key. */
public final class CustomFactMismatchException extends IllegalStateException {

    public CustomFactMismatchException(String message) {
        super(message);
    }
}
