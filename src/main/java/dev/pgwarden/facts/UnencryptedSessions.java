package dev.pgwarden.facts;

import java.time.Instant;

/**
 * Sessions of one role to one database from one non-local address, connected now without TLS.
 *
 * @param backendType  {@code client backend}, or {@code walsender} for a standby or replication client
 * @param oldestSince  when the oldest of them connected
 * @param hbaFile      the server's pg_hba.conf, which decides whether such a login is accepted
 */
public record UnencryptedSessions(
        String userName,
        String databaseName,
        String clientAddress,
        String backendType,
        long sessions,
        Instant oldestSince,
        String hbaFile) implements CatalogObject {

    @Override
    public String objectName() {
        return userName + "@" + clientAddress + " to " + databaseName;
    }
}
