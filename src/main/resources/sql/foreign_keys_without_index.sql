-- Foreign keys whose referencing columns are not the leading key columns (in any order) of a valid
-- index of the referencing table, on tables of at least :min_rows estimated rows (every table when
-- NULL). Without such an index every DELETE or key UPDATE on the referenced table scans the
-- referencing table, once per row. Any access method counts (a btree_gist exclusion constraint's gist
-- index serves the lookup too), and so does a partial index whose predicate is that a foreign key
-- column IS NOT NULL, since the lookup implies it. A foreign key of a partitioned table is judged once,
-- on the parent and its own indexes, not on each partition's copy (conparentid <> 0). A table no VACUUM
-- or ANALYZE has reached has no reltuples yet (see tables_without_primary_key.sql): its live rows count.
WITH fk AS (
    SELECT c.oid, c.conname, c.conrelid, c.confrelid, c.conkey, t.relkind, n.nspname, t.relname,
           CASE WHEN t.relkind = 'p'
                THEN (SELECT coalesce(sum(CASE WHEN pc.reltuples < 0 OR pc.relpages = 0
                                               THEN pg_stat_get_live_tuples(pc.oid) ELSE pc.reltuples END), 0)
                        FROM pg_partition_tree(t.oid) pt JOIN pg_class pc ON pc.oid = pt.relid
                       WHERE pt.isleaf)
                WHEN t.reltuples < 0 OR t.relpages = 0 THEN pg_stat_get_live_tuples(t.oid)
                ELSE t.reltuples END                                  AS estimated_rows
      FROM pg_constraint c
      JOIN pg_class t     ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype = 'f'
       AND c.conparentid = 0
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
), unindexed AS (
    SELECT fk.*,
           ARRAY(SELECT a.attname FROM unnest(fk.conkey) WITH ORDINALITY u(attnum, pos)
                   JOIN pg_attribute a ON a.attrelid = fk.conrelid AND a.attnum = u.attnum
                  ORDER BY u.pos)                                     AS column_names
      FROM fk
     WHERE (:min_rows::bigint IS NULL OR fk.estimated_rows >= :min_rows::bigint)
       AND NOT EXISTS (
           SELECT 1 FROM pg_index i
            WHERE i.indrelid = fk.conrelid
              AND i.indisvalid
              AND i.indnkeyatts >= cardinality(fk.conkey)
              AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(fk.conkey)] @> fk.conkey
              AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(fk.conkey)] <@ fk.conkey
              AND (i.indpred IS NULL
                   OR pg_get_expr(i.indpred, i.indrelid) IN (
                       SELECT '(' || quote_ident(a.attname) || ' IS NOT NULL)'
                         FROM pg_attribute a WHERE a.attrelid = fk.conrelid AND a.attnum = ANY (fk.conkey))))
)
SELECT format('%I.%I', u.nspname, u.relname)                              AS table_name,
       quote_ident(u.conname)                                             AS constraint_name,
       (SELECT format('%I.%I', rn.nspname, r.relname) FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace
         WHERE r.oid = u.confrelid)                                       AS referenced_table,
       array_to_string(ARRAY(SELECT quote_ident(c) FROM unnest(u.column_names) c), ', ') AS columns,
       u.estimated_rows::bigint                                           AS estimated_rows,
       u.relkind = 'p'                                                    AS partitioned,
       quote_ident(u.relname || '_' || array_to_string(u.column_names, '_') || '_idx') AS index_name,
       format('%I.%I', u.nspname, u.relname || '_' || array_to_string(u.column_names, '_') || '_idx')
                                                                          AS qualified_index_name
  FROM unindexed u
 ORDER BY 1, 2
