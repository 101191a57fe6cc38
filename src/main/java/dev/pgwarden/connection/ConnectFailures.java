package dev.pgwarden.connection;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a failed connection attempt into a one-line {@link TargetUnreachableException} saying what
 * happened and where. Classification is by SQLState and by the cause pgjdbc wraps, not by message
 * text, because pgjdbc and the server both translate their messages.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static TargetUnreachableException whileConnecting(ConnectionSettings settings, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = settings.describe();
        String message = switch (state) {
            case "28P01", "28000" -> "cannot log in to " + where + ": authentication failed: " + serverText(e);
            case "3D000" -> "cannot connect to " + where + ": database does not exist: " + serverText(e);
            case "53300" -> "cannot connect to " + where + ": server refuses more connections: " + serverText(e);
            default -> networkProblem(settings, e)
                    .map(problem -> "cannot reach " + where + ": " + problem)
                    .orElseGet(() -> otherProblem(settings, e, state));
        };
        return new TargetUnreachableException(Messages.scrub(message, settings.password()), e);
    }

    static TargetUnreachableException whilePreparing(ConnectionSettings settings, SQLException e) {
        String message = "connected to " + settings.describe() + " but could not make the session read-only"
                + " and time-limited: " + serverText(e) + " (SQLState " + e.getSQLState() + ")";
        return new TargetUnreachableException(Messages.scrub(message, settings.password()), e);
    }

    private static Optional<String> networkProblem(ConnectionSettings settings, SQLException e) {
        String socket = settings.properties().get(UnixSocket.PATH_PROPERTY);
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // junixsocket says why in the message, as the system call did: no such file, connection refused, permission denied
            if (socket != null && cause instanceof SocketException) {
                return Optional.of("socket " + socket + ": " + Messages.oneLine(cause.getMessage()));
            }
            if (cause instanceof ConnectException) {
                return Optional.of("connection refused");
            }
            if (cause instanceof UnknownHostException) {
                return Optional.of("unknown host '" + cause.getMessage() + "'");
            }
            if (cause instanceof SocketTimeoutException) {
                return Optional.of("timed out");
            }
            if (cause instanceof NoRouteToHostException) {
                return Optional.of("no route to host");
            }
        }
        return Optional.empty();
    }

    private static String otherProblem(ConnectionSettings settings, SQLException e, String state) {
        // 08004: pgjdbc refuses to log in itself, e.g. the server wants a password and we have none
        if ("08004".equals(state) && settings.password() == null) {
            return "cannot log in to " + settings.describe() + ": authentication failed: the server asks"
                    + " for a password and none was given (set PGPASSWORD, add it to ~/.pgpass, or put it in --url)";
        }
        // class 08 is "connection exception": the driver or the network gave up, e.g. on login timeout
        String verb = state.startsWith("08") ? "cannot reach " : "cannot connect to ";
        return verb + settings.describe() + ": " + serverText(e) + " (SQLState " + state + ")";
    }

    /** The server's own message without "FATAL:", or the driver's message. */
    private static String serverText(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return Messages.oneLine(e.getMessage());
    }
}
