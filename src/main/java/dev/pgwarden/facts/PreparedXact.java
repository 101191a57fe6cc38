package dev.pgwarden.facts;

import java.time.Instant;

/**
 * A prepared transaction (two-phase commit) waiting for its COMMIT PREPARED or ROLLBACK PREPARED. Only its
 * own database can finish it.
 *
 * @param gidLiteral the global transaction id as a SQL literal, the way COMMIT PREPARED names it
 * @param xactAge    age of its transaction ID, in transactions
 * @param ageUs      time since it was prepared, in microseconds
 * @param age        the same as an interval, to the second
 * @param commitStatement           {@code COMMIT PREPARED '<gid>';}
 * @param rollbackPreparedStatement {@code ROLLBACK PREPARED '<gid>';}
 */
public record PreparedXact(
        String gidLiteral,
        String gid,
        String owner,
        String databaseName,
        Instant prepared,
        long xactAge,
        long ageUs,
        String age,
        String commitStatement,
        String rollbackPreparedStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return gidLiteral;
    }
}
