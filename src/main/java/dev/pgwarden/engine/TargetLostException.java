package dev.pgwarden.engine;

/** The connection to the target broke during the run; the checks after it cannot run. */
public final class TargetLostException extends RuntimeException {

    public TargetLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
