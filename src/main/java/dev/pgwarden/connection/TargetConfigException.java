package dev.pgwarden.connection;

/**
 * The target is described wrongly (bad URL, bad PG* variable, unsupported option), so no
 * connection was attempted. The CLI maps this to exit code 2.
 *
 * <p>The message is one line and never contains a password.
 */
public final class TargetConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public TargetConfigException(String message) {
        super(Messages.oneLine(message));
    }
}
