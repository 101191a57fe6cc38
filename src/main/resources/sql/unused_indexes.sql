-- Indexes that enforce nothing, of at least :min_size (by relpages, allowing for stale relpages; every
-- index when NULL), with their scans since the statistics window began. Left out: unique indexes,
-- indexes of a constraint (primary key, unique, exclusion) or of the replica identity, invalid ones
-- (invalid-indexes reports those), and indexes whose leading keys are a foreign key's columns (dropping
-- one would make the foreign key unindexed). A partitioned index is judged once: its partitions'
-- indexes' sizes and scans summed; an index attached to it is not judged on its own.
-- The window starts at the latest of the database's statistics reset and the server-wide one, which a
-- crash (all counters discarded) also sets; a clean restart keeps both.
-- last_idx_scan (16+; the latest of the partitions' for a partitioned index) is read through to_jsonb, so
-- this one query serves every major: on 13 to 15 the view has no such column and it stays NULL.
WITH candidate AS (
    SELECT i.indexrelid, i.indrelid, ic.relkind, ic.relname, n.nspname,
           CASE WHEN ic.relkind = 'I'
                THEN ARRAY(SELECT pt.relid FROM pg_partition_tree(i.indexrelid) pt WHERE pt.isleaf)
                ELSE ARRAY[i.indexrelid] END                          AS physical
      FROM pg_index i
      JOIN pg_class ic    ON ic.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = ic.relnamespace
     WHERE i.indisvalid AND NOT i.indisunique AND NOT i.indisexclusion AND NOT i.indisreplident
       AND NOT ic.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                        WHERE c.contype = 'f' AND c.conrelid = i.indrelid AND i.indnkeyatts >= cardinality(c.conkey)
                          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
                          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
), sized AS (
    SELECT c.*,
           (SELECT sum(pg_relation_size(p))::bigint FROM unnest(c.physical) p)        AS index_bytes,
           (SELECT sum(pg_stat_get_numscans(p))::bigint FROM unnest(c.physical) p)    AS idx_scan,
           (SELECT max((to_jsonb(s) ->> 'last_idx_scan')::timestamptz)
              FROM pg_stat_all_indexes s WHERE s.indexrelid = ANY (c.physical))       AS last_idx_scan
      FROM candidate c
     WHERE :min_size::bigint IS NULL
        OR (SELECT sum(pc.relpages) FROM pg_class pc WHERE pc.oid = ANY (c.physical))
           >= :min_size::bigint / 2 / current_setting('block_size')::bigint
), stats_window AS (
    SELECT coalesce(greatest((SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()),
                             (SELECT stats_reset FROM pg_stat_bgwriter)),
                    pg_postmaster_start_time())                       AS since
)
SELECT format('%I.%I', s.nspname, s.relname)                         AS index_name,
       (SELECT format('%I.%I', tn.nspname, tc.relname) FROM pg_class tc JOIN pg_namespace tn ON tn.oid = tc.relnamespace
         WHERE tc.oid = s.indrelid)                                   AS table_name,
       s.index_bytes,
       pg_size_pretty(s.index_bytes)                                  AS index_size,
       s.idx_scan,
       s.last_idx_scan,
       w.since                                                        AS stats_since,
       (extract(epoch FROM now() - w.since) * 1000000)::bigint        AS stats_window_micros,
       (extract(epoch FROM now() - s.last_idx_scan) * 1000000)::bigint AS last_scan_age_micros,
       s.relkind = 'I'                                                AS partitioned,
       pg_get_indexdef(s.indexrelid)                                  AS index_definition,
       CASE WHEN s.relkind = 'I' THEN format('DROP INDEX %I.%I;', s.nspname, s.relname)
            ELSE format('DROP INDEX CONCURRENTLY %I.%I;', s.nspname, s.relname) END AS drop_statement,
       CASE WHEN s.relkind = 'I' THEN pg_get_indexdef(s.indexrelid) || ';'
            ELSE regexp_replace(pg_get_indexdef(s.indexrelid), '^CREATE INDEX ', 'CREATE INDEX CONCURRENTLY ') || ';'
       END                                                            AS recreate_statement
  FROM sized s CROSS JOIN stats_window w
 ORDER BY 1
