package dev.pgwarden.facts;

import java.time.Instant;

/**
 * A prepared transaction (two-phase commit) waiting for its COMMIT PREPARED or ROLLBACK PREPARED. Only its
 * own database can finish it.
 *
 * @param gidLiteral the global transaction id as a SQL literal, the way COMMIT PREPARED names it
 * @param xactAge    age of its transaction ID, in transactions
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
        String commitStatement,
        String rollbackPreparedStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return gidLiteral;
    }
}
