package dev.pgwarden.facts;

import java.time.Instant;

/**
 * A client session of the cluster other than pgwarden's own, with its transaction and current state.
 * The query is only its start, with literals masked, so no password or value leaves the server.
 *
 * @param xactAgeUs  time since the transaction began, in microseconds; null outside a transaction
 * @param xactAge    the same as an interval, to the second
 * @param stateAgeUs time in the current state ({@code idle in transaction} …), in microseconds
 * @param queryStart the first characters of the last query, literals shown as {@code '…'} and {@code …}
 * @param timeoutSetting the setting that bounds a whole transaction on this server: transaction_timeout
 *                   from 17, statement_timeout before
 */
public record ClientBackend(
        int pid,
        String userName,
        String applicationName,
        String clientAddress,
        String databaseName,
        String state,
        Instant xactStart,
        Long xactAgeUs,
        String xactAge,
        Instant stateChange,
        Long stateAgeUs,
        String stateAge,
        String waitEventType,
        String waitEvent,
        String queryStart,
        String timeoutSetting,
        String cancelStatement,
        String terminateStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return "pid " + pid;
    }

    /** Idle inside a transaction, aborted or not: holding locks and a snapshot while the client does nothing. */
    public boolean idleInTransaction() {
        return state != null && state.startsWith("idle in transaction");
    }
}
