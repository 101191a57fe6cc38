-- Free and dead space of tables, estimated from planner statistics the way the well-known estimation
-- queries do (ioguix/pgsql-bloat-estimation): the pages reltuples rows of the average width in
-- pg_stats would fill at the table's fillfactor (each row with its header, null bitmap, alignment and
-- line pointer; TOAST at four chunks a page), against the pages the table has (relpages, heap and
-- TOAST). Only tables of at least :min_wasted bytes are looked at (a table cannot waste more than its
-- size); rows come back for tables estimated over both bounds, and for tables whose statistics this
-- role cannot read (pg_stats shows a column only to roles that may SELECT it).
-- With :measure = 1, tables estimated bloated are measured with pgstattuple_approx when the extension
-- is installed and the role may execute it (query_to_xml runs the call, so this query still parses
-- where the extension is missing); the table's heap alone is measured.
WITH candidate AS MATERIALIZED (
    SELECT t.oid, n.nspname, t.relname, t.reltuples,
           t.relpages + coalesce(toast.relpages, 0)                                    AS pages,
           coalesce(toast.reltuples, 0)                                                AS toast_tuples,
           coalesce(substring(array_to_string(t.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 100) AS fillfactor,
           has_table_privilege(t.oid, 'SELECT')                                        AS stats_readable
      FROM pg_class t
      JOIN pg_namespace n ON n.oid = t.relnamespace
      LEFT JOIN pg_class toast ON toast.oid = t.reltoastrelid
     WHERE t.relkind IN ('r', 'm')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       AND (:min_wasted::bigint IS NULL
            OR t.relpages + coalesce(toast.relpages, 0) >= :min_wasted::bigint / current_setting('block_size')::bigint)
), widths AS (
    SELECT c.oid,
           count(*)                                                                    AS columns,
           count(s.attname)                                                            AS columns_with_stats,
           bool_or(a.atttypid = 'pg_catalog.name'::regtype)                            AS has_name_column,
           max(coalesce(s.null_frac, 0))                                               AS max_null_frac,
           sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0))              AS data_width
      FROM candidate c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_stats s ON s.schemaname = c.nspname AND s.tablename = c.relname
                          AND s.attname = a.attname AND NOT s.inherited
     GROUP BY c.oid
), geometry AS (
    SELECT current_setting('block_size')::numeric AS block_size,
           -- MAXALIGN: 8 on 64-bit builds
           CASE WHEN version() ~ 'mingw32|64-bit|x86_64|ppc64|ia64|amd64|aarch64' THEN 8 ELSE 4 END AS max_align
), estimate AS (
    SELECT c.*, w.columns, w.columns_with_stats, w.has_name_column, g.block_size,
           -- name columns' statistics understate their width; a table never vacuumed nor analyzed has no reltuples
           c.stats_readable AND w.columns_with_stats = w.columns AND NOT w.has_name_column AND c.reltuples >= 0
                                                                                       AS estimable,
           ceil(c.reltuples * (
                   4   -- line pointer
                   + ceil((23 + CASE WHEN w.max_null_frac > 0 THEN (7 + w.columns) / 8 ELSE 0 END) / g.max_align) * g.max_align
                   + ceil(w.data_width / g.max_align) * g.max_align)
                / ((g.block_size - 24) * c.fillfactor / 100))
             + ceil(c.toast_tuples / 4)                                                AS expected_pages
      FROM candidate c JOIN widths w ON w.oid = c.oid CROSS JOIN geometry g
), judged AS (
    SELECT e.*,
           CASE WHEN e.estimable THEN greatest(e.pages - e.expected_pages, 0) * e.block_size END::bigint AS wasted_bytes,
           CASE WHEN e.estimable AND e.pages > 0 THEN greatest(e.pages - e.expected_pages, 0) / e.pages END::float8 AS bloat_fraction
      FROM estimate e
), measurable AS (
    SELECT (SELECT to_regprocedure(format('%I.pgstattuple_approx(regclass)', n.nspname))
              FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
             WHERE x.extname = 'pgstattuple')                                          AS function
), bloated AS (
    SELECT j.*, m.function,
           CASE WHEN coalesce(:measure::bigint, 0) = 0 THEN NULL
                WHEN m.function IS NULL THEN 'pgstattuple is not installed in this database'
                WHEN NOT has_function_privilege(m.function, 'EXECUTE')
                     THEN format('the role may not execute %s (grant it pg_stat_scan_tables)', m.function::oid::regproc)
           END                                                                         AS measure_unavailable
      FROM judged j CROSS JOIN measurable m
     WHERE NOT j.stats_readable
        OR (j.wasted_bytes >= coalesce(:min_wasted::bigint, 0) AND j.bloat_fraction > coalesce(:max_bloat_fraction::float8, 0))
), measured AS (
    SELECT b.*,
           CASE WHEN coalesce(:measure::bigint, 0) = 1 AND b.measure_unavailable IS NULL AND b.estimable
                THEN query_to_xml(format('SELECT table_len, approx_free_space + dead_tuple_len AS wasted FROM %s(%s::regclass)',
                                         b.function::oid::regproc, b.oid), false, true, '') END AS measurement
      FROM bloated b
)
SELECT format('%I.%I', m.nspname, m.relname)                                           AS table_name,
       (m.pages * m.block_size)::bigint                                                AS table_bytes,
       pg_size_pretty((m.pages * m.block_size)::bigint)                                AS table_size,
       m.stats_readable,
       m.estimable,
       m.wasted_bytes                                                                  AS estimated_wasted_bytes,
       m.bloat_fraction                                                                AS estimated_bloat_fraction,
       m.measurement IS NOT NULL                                                       AS measured,
       (xpath('/row/wasted/text()', m.measurement))[1]::text::bigint                   AS measured_wasted_bytes,
       (xpath('/row/wasted/text()', m.measurement))[1]::text::float8
         / nullif((xpath('/row/table_len/text()', m.measurement))[1]::text::float8, 0) AS measured_bloat_fraction,
       m.measure_unavailable
  FROM measured m
 ORDER BY 1
