package dev.pgwarden.engine;

/** A check that broke while running (its SQL failed or timed out), as opposed to one that found problems. */
public final class CheckErrorException extends RuntimeException {

    public CheckErrorException(String reason) {
        super(reason, null, false, false);
    }
}
