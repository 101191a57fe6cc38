package dev.pgwarden.engine;

import dev.pgwarden.results.Outcome;
import java.sql.SQLException;

/**
 * Decides what a failed fact query means for a check: a missing privilege or extension skips it with the
 * reason; anything else (a timeout, a lock wait, a bug) is an error. A lost connection ends the target.
 */
final class SqlFailures {

    private SqlFailures() {
    }

    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    static Outcome outcomeOf(String factKind, SQLException e) {
        return outcomeOf(factKind, e, "grant the role pg_monitor");
    }

    /** @param grant what gives the role the privilege it lacks, for the skip reason */
    static Outcome outcomeOf(String factKind, SQLException e, String grant) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = firstLine(e.getMessage());
        return switch (state) {
            case "42501" -> Outcome.skipped("missing privilege reading " + factKind + ": " + message
                    + " (" + grant + ")");
            case "42P01", "42883" -> Outcome.skipped("not available on this server reading " + factKind + ": " + message);
            case "57014" -> Outcome.errored("reading " + factKind + " exceeded statement_timeout: " + message);
            case "55P03" -> Outcome.errored("reading " + factKind + " waited longer than lock_timeout: " + message);
            default -> Outcome.errored("reading " + factKind + " failed [" + state + "]: " + message);
        };
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        return message.lines().findFirst().orElse("").strip();
    }
}
