package dev.pgwarden.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;

/**
 * Which cluster and database a run judged, as the server itself says: two reports with the same
 * {@code systemIdentifier} are of the same cluster (a restored copy keeps it; initdb makes a new one).
 *
 * @param systemIdentifier   {@code pg_control_system().system_identifier}, or null when the role may not execute it
 * @param systemIdentifierNote why it is missing; null when it is there
 * @param serverVersion      {@code server_version}, such as "17.2"
 * @param database           the database checked
 * @param databaseOid        its OID in {@code pg_database}
 * @param serverClock        the server's {@code clock_timestamp()} when the run began
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServerIdentity(String systemIdentifier, String systemIdentifierNote, String serverVersion, String database,
        long databaseOid, Instant serverClock) {

    public ServerIdentity {
        Objects.requireNonNull(serverVersion, "serverVersion must not be null");
        Objects.requireNonNull(database, "database must not be null");
        if (systemIdentifier == null && (systemIdentifierNote == null || systemIdentifierNote.isBlank())) {
            throw new IllegalArgumentException("a missing systemIdentifier needs a note saying why");
        }
    }

    /** The identifier, or what stands in its place in a report: "unknown (why)". */
    public String describeSystemIdentifier() {
        return systemIdentifier != null ? systemIdentifier : "unknown (" + systemIdentifierNote + ")";
    }
}
