package dev.pgwarden.engine;

/** The engine's configuration (suite, rules, parameters, URL) cannot be used; the message says where. */
public final class PgwardenConfigurationException extends RuntimeException {

    public PgwardenConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
