-- Tables without a primary key, with what it takes to give them one. Partitions are left out: a partition
-- gets its key from its parent, so a partitioned table is judged once, at the parent, by the rows of all
-- its partitions. Tables an extension created belong to the extension, not to the schema's owner.
-- Rows by reltuples (no table is read). Until VACUUM, ANALYZE or (before 18) CREATE INDEX reaches a table,
-- reltuples is -1 (14+) or 0 with relpages 0 (13); the statistics' live-tuple count stands in for it then.
-- Only tables of at least :min_rows (every table when NULL).
WITH candidates AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind = 'p' AS partitioned,
           CASE c.relreplident WHEN 'd' THEN 'default' WHEN 'n' THEN 'nothing'
                               WHEN 'f' THEN 'full' ELSE 'index' END AS replica_identity,
           CASE WHEN c.relkind = 'p'
                THEN (SELECT coalesce(sum(CASE WHEN p.reltuples < 0 OR p.relpages = 0 THEN pg_stat_get_live_tuples(p.oid)
                                               ELSE p.reltuples END), 0)
                        FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid
                       WHERE t.isleaf)
                WHEN c.reltuples < 0 OR c.relpages = 0 THEN pg_stat_get_live_tuples(c.oid)
                ELSE c.reltuples END::float8 AS estimated_rows
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p')
       AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_)'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
)
SELECT format('%I.%I', t.nspname, t.relname)                           AS qualified_name,
       t.nspname::text                                                  AS schema_name,
       t.relname::text                                                  AS table_name,
       t.partitioned,
       t.estimated_rows,
       t.replica_identity,
       quote_ident(u.relname)                                           AS unique_index_name,
       pg_get_indexdef(u.indexrelid) || ';'                             AS unique_index_definition,
       -- Names for what the remediation adds, quoted here so the statements run for any table name.
       quote_ident(left(t.relname, 58) || '_pkey')                      AS primary_key_name,
       quote_ident(CASE WHEN EXISTS (SELECT 1 FROM pg_attribute a
                                      WHERE a.attrelid = t.oid AND a.attname = 'id' AND NOT a.attisdropped)
                        THEN 'row_id' ELSE 'id' END)                    AS key_column,
       CASE WHEN t.partitioned THEN pg_get_partkeydef(t.oid) END        AS partition_key
  FROM candidates t
  -- A unique index that can become the primary key as it is (ADD PRIMARY KEY USING INDEX): btree, valid,
  -- no predicate or expression, not already a constraint's, all key columns NOT NULL (so promoting it
  -- changes no column). Partitioned tables cannot promote an index.
  LEFT JOIN LATERAL (
        SELECT i.indexrelid, ic.relname
          FROM pg_index i
          JOIN pg_class ic ON ic.oid = i.indexrelid
          JOIN pg_am am ON am.oid = ic.relam
         WHERE i.indrelid = t.oid AND NOT t.partitioned
           AND i.indisunique AND i.indisvalid AND am.amname = 'btree'
           AND i.indpred IS NULL AND i.indexprs IS NULL
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
           AND NOT EXISTS (SELECT 1 FROM generate_series(0, i.indnkeyatts - 1) k
                             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
                            WHERE NOT a.attnotnull)
         ORDER BY i.indnkeyatts, ic.relname
         LIMIT 1) u ON true
 WHERE (:min_rows::float8 IS NULL OR t.estimated_rows >= :min_rows::float8)
 ORDER BY 1
