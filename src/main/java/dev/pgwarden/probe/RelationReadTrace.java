package dev.pgwarden.probe;

/**
 * The reads of one relation file from smgr__md__read__start to smgr__md__read__done: the server's reads of
 * blocks missing from shared buffers (the page cache may still answer them).
 *
 * @param tablespaceOid the file's tablespace
 * @param databaseOid   its database (0 for shared catalogs)
 * @param relfilenode   its file node, which names the relation at check time through pg_filenode_relation
 * @param reads         reads measured
 * @param totalUs       their summed time in microseconds
 */
public record RelationReadTrace(long tablespaceOid, long databaseOid, long relfilenode, long reads, long totalUs) {

    public RelationReadTrace {
        if (reads < 0 || totalUs < 0) {
            throw new IllegalArgumentException("reads and totalUs must not be negative, were " + reads + " and " + totalUs);
        }
    }

    /** Mean read time in microseconds; 0 without reads. */
    public double meanUs() {
        return reads == 0 ? 0 : (double) totalUs / reads;
    }
}
