package dev.pgwarden.facts;

/**
 * One relation a probe file names by numbers, as the checked database names it ({@code sql/probe_relations.sql}).
 *
 * @param kind          {@code relation} for a lock tag's relation oid, {@code file} for a read's relfilenode
 * @param databaseOid   the relation's database (0 for shared catalogs)
 * @param tablespaceOid the file's tablespace (0 for lock tags)
 * @param objectId      the relation oid or the relfilenode
 * @param databaseName  the database's name; null when it no longer exists
 * @param relationName  {@code schema.table}; null in another database or when it no longer exists
 */
public record ProbeRelation(String kind, long databaseOid, long tablespaceOid, long objectId, String databaseName,
                            String relationName) {

    /** The name to show: the relation's, else its numbers and database. */
    public String describe() {
        if (relationName != null) {
            return relationName;
        }
        String what = kind.equals("file") ? "relfilenode " + objectId : "relation oid " + objectId;
        return what + " in database " + (databaseName != null ? databaseName : "oid " + databaseOid);
    }
}
