package dev.pgwarden.engine;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A fact a rule read on demand could not be read. It crosses the rule engine, which wraps what a rule throws,
 * so the check ends as it would had the fact been gathered beforehand: skipped, naming the privilege.
 */
final class OnDemandReadFailed extends RuntimeException {

    private final String kind;

    OnDemandReadFailed(String kind, SQLException cause) {
        super("reading " + kind + ": " + cause.getMessage(), cause);
        this.kind = kind;
    }

    String kind() {
        return kind;
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }

    /** The failed read behind what the rule engine threw, if that is what it was. */
    static Optional<OnDemandReadFailed> in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof OnDemandReadFailed failed) {
                return Optional.of(failed);
            }
        }
        return Optional.empty();
    }
}
