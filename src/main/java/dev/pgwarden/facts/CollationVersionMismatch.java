package dev.pgwarden.facts;

/**
 * A collation, or the connected database's default collation, whose recorded version differs from the one its
 * library (the C library or ICU) reports now, with the indexes of the connected database that use it.
 *
 * @param kind              {@code database} (pg_database.datcollversion, PostgreSQL 15 and later) or {@code collation}
 * @param dependentIndexes  the indexes using it, comma-separated; empty when none
 * @param reindexStatements one {@code REINDEX INDEX CONCURRENTLY} per dependent index, a line each
 * @param refreshStatement  records the version the library reports now
 */
public record CollationVersionMismatch(
        String kind,
        String objectName,
        String provider,
        String recordedVersion,
        String actualVersion,
        String dependentIndexes,
        long indexCount,
        String reindexStatements,
        String refreshStatement) implements CatalogObject {

    public boolean database() {
        return "database".equals(kind);
    }
}
