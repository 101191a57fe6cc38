package dev.pgwarden.facts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/** Reads which cluster and database a session is on, for the provenance of a run's reports. */
public final class ServerIdentityReader {

    /**
     * The server as it describes itself.
     *
     * @param systemIdentifier {@code pg_control_system().system_identifier}; null when the role may not execute it
     * @param serverClock      {@code clock_timestamp()} as the query ran
     */
    public record Identity(String systemIdentifier, String serverVersion, String database, long databaseOid, Instant serverClock) {
    }

    /** One row of {@code server_identity.sql}. */
    record Server(String serverVersion, String database, long databaseOid, Instant serverClock, boolean mayReadControlFile) {
    }

    /** One row of {@code system_identifier.sql}. */
    record SystemIdentifier(String systemIdentifier) {
    }

    private final FactReader reader;

    public ServerIdentityReader(FactReader reader) {
        this.reader = reader;
    }

    public Identity read() throws SQLException {
        Server server = reader.read("server_identity", Server.class, Map.of()).get(0);
        String identifier = server.mayReadControlFile()
                ? reader.read("system_identifier", SystemIdentifier.class, Map.of()).get(0).systemIdentifier() : null;
        return new Identity(identifier, server.serverVersion(), server.database(), server.databaseOid(), server.serverClock());
    }
}
