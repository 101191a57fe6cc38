-- Free space of btree indexes, estimated from planner statistics the way the well-known estimation
-- queries do (ioguix/pgsql-bloat-estimation): the leaf pages the index's reltuples entries of the
-- average key width in pg_stats would fill at the index's fillfactor (each entry with its 8-byte
-- header, null bitmap, alignment and line pointer; a page keeps 24 bytes of header and 16 of btree
-- data), plus the metapage, against the pages it has. A key column's statistics are the table's; an
-- expression's are the index's own (ANALYZE of the table gathers them). Only indexes of at least
-- :min_wasted bytes are looked at; rows come back for indexes estimated over both bounds, and for
-- indexes of tables whose statistics this role cannot read.
WITH candidate AS MATERIALIZED (
    SELECT i.indexrelid, i.indrelid, i.indnatts, ic.reltuples, ic.relpages, n.nspname, ic.relname,
           tn.nspname AS table_schema, tc.relname AS table_relname,
           string_to_array(i.indkey::text, ' ')::int[]                                  AS indkey,
           coalesce(substring(array_to_string(ic.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 90) AS fillfactor,
           has_table_privilege(i.indrelid, 'SELECT')                                    AS stats_readable
      FROM pg_index i
      JOIN pg_class ic     ON ic.oid = i.indexrelid
      JOIN pg_namespace n  ON n.oid = ic.relnamespace
      JOIN pg_class tc     ON tc.oid = i.indrelid
      JOIN pg_namespace tn ON tn.oid = tc.relnamespace
     WHERE ic.relkind = 'i'
       AND ic.relam = (SELECT oid FROM pg_am WHERE amname = 'btree')
       AND i.indisvalid
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       AND (:min_wasted::bigint IS NULL OR ic.relpages >= :min_wasted::bigint / current_setting('block_size')::bigint)
), widths AS (
    SELECT c.indexrelid,
           count(s.attname)                                                             AS columns_with_stats,
           bool_or(a.atttypid = 'pg_catalog.name'::regtype)                             AS has_name_column,
           max(coalesce(s.null_frac, 0))                                                AS max_null_frac,
           sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0))               AS data_width
      FROM candidate c
      CROSS JOIN generate_series(1, c.indnatts) k
      -- the table's column, or for an expression the index's own attribute
      JOIN pg_attribute a ON (c.indkey[k] <> 0 AND a.attrelid = c.indrelid AND a.attnum = c.indkey[k])
                          OR (c.indkey[k] = 0 AND a.attrelid = c.indexrelid AND a.attnum = k)
      LEFT JOIN pg_stats s ON NOT s.inherited AND s.attname = a.attname
                          AND ((c.indkey[k] <> 0 AND s.schemaname = c.table_schema AND s.tablename = c.table_relname)
                               OR (c.indkey[k] = 0 AND s.schemaname = c.nspname AND s.tablename = c.relname))
     GROUP BY c.indexrelid
), geometry AS (
    SELECT current_setting('block_size')::numeric AS block_size,
           CASE WHEN version() ~ 'mingw32|64-bit|x86_64|ppc64|ia64|amd64|aarch64' THEN 8 ELSE 4 END AS max_align
), estimate AS (
    SELECT c.*, g.block_size,
           c.stats_readable AND w.columns_with_stats = c.indnatts AND NOT w.has_name_column AND c.reltuples >= 0 AS estimable,
           1 + ceil(c.reltuples / greatest(1, floor((g.block_size - 24 - 16) * c.fillfactor / 100
                / (4   -- line pointer
                   + ceil((8 + CASE WHEN w.max_null_frac > 0 THEN 4 ELSE 0 END) / g.max_align) * g.max_align
                   + ceil(w.data_width / g.max_align) * g.max_align))))                AS expected_pages
      FROM candidate c JOIN widths w ON w.indexrelid = c.indexrelid CROSS JOIN geometry g
), judged AS (
    SELECT e.*,
           CASE WHEN e.estimable THEN greatest(e.relpages - e.expected_pages, 0) * e.block_size END::bigint AS wasted_bytes,
           CASE WHEN e.estimable AND e.relpages > 0 THEN greatest(e.relpages - e.expected_pages, 0) / e.relpages END::float8 AS bloat_fraction
      FROM estimate e
)
SELECT format('%I.%I', j.nspname, j.relname)                                            AS index_name,
       format('%I.%I', j.table_schema, j.table_relname)                                 AS table_name,
       (j.relpages * j.block_size)::bigint                                              AS index_bytes,
       pg_size_pretty((j.relpages * j.block_size)::bigint)                              AS index_size,
       j.stats_readable,
       j.estimable,
       j.wasted_bytes                                                                   AS estimated_wasted_bytes,
       j.bloat_fraction                                                                 AS estimated_bloat_fraction,
       format('REINDEX INDEX CONCURRENTLY %I.%I;', j.nspname, j.relname)                AS reindex_statement
  FROM judged j
 WHERE NOT j.stats_readable
    OR (j.wasted_bytes >= coalesce(:min_wasted::bigint, 0) AND j.bloat_fraction > coalesce(:max_bloat_fraction::float8, 0))
 ORDER BY 1
