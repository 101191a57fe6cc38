package dev.pgwarden.probe;

import java.util.List;
import java.util.Objects;

/**
 * What the server's own USDT probes showed during one probe run. Each part is null when its signal was not
 * measured ({@link ProbeSignals} says why).
 */
public record PostgresTrace(StatementTrace statements, List<LockWaitTrace> lockWaits,
                            List<LwlockWaitTrace> lwlockWaits, List<RelationReadTrace> relationReads) {

    public PostgresTrace {
        lockWaits = lockWaits == null ? null : List.copyOf(lockWaits);
        lwlockWaits = lwlockWaits == null ? null : List.copyOf(lwlockWaits);
        relationReads = relationReads == null ? null : List.copyOf(relationReads);
    }

    /** Nothing measured: the binary has no USDT probes, or the file predates them. */
    public static PostgresTrace none() {
        return new PostgresTrace(null, null, null, null);
    }

    /** The same trace with these statements. */
    PostgresTrace withStatements(StatementTrace replaced) {
        return new PostgresTrace(replaced, lockWaits, lwlockWaits, relationReads);
    }

    public boolean isEmpty() {
        return Objects.isNull(statements) && lockWaits == null && lwlockWaits == null && relationReads == null;
    }
}
