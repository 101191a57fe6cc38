package dev.pgwarden.connection;

/**
 * The target is described well enough, but pgwarden could not get a session on it: the server
 * could not be reached, refused the login, or the database does not exist. The CLI maps this to
 * exit code 3.
 *
 * <p>The message is one line, says what happened and where, and never contains a password.
 */
public final class TargetUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    public TargetUnreachableException(String message, Throwable cause) {
        super(Messages.oneLine(message), cause);
    }
}
