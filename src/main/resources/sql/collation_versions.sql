-- Collations of the connected database whose recorded version (pg_collation.collversion, taken from the C
-- library or ICU when the collation was created or last refreshed) differs from the version the library in use
-- now reports (pg_collation_actual_version). A library whose sort order changed may have left indexes on text in
-- that collation in an order lookups no longer follow: each row lists the indexes that use it, in a key column
-- or expression (pg_index.indcollation) or anywhere else in their definition (pg_depend), catalog indexes left
-- out. Before PostgreSQL 15 the database's default collation records no version.
WITH used AS (
    -- Only collations something uses: asking the library for the version of each of the hundreds of ICU
    -- collations initdb creates takes seconds, and one nothing uses has put nothing out of order.
    SELECT refobjid AS oid FROM pg_depend WHERE refclassid = 'pg_collation'::regclass
    UNION
    SELECT unnest(indcollation::oid[]) FROM pg_index
), candidates AS MATERIALIZED (
    -- Materialized so that the library is asked about these alone, not about every row of pg_collation.
    SELECT c.oid, n.nspname, c.collname, c.collprovider, c.collversion
      FROM pg_collation c
      JOIN pg_namespace n ON n.oid = c.collnamespace
     WHERE c.collversion IS NOT NULL
       AND c.oid IN (SELECT oid FROM used)
), mismatched AS (
    SELECT c.oid, 'collation'::text AS kind, format('%I.%I', c.nspname, c.collname) AS object_name,
           CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' ELSE c.collprovider::text END AS provider,
           c.collversion AS recorded_version, actual.version AS actual_version,
           format('ALTER COLLATION %I.%I REFRESH VERSION;', c.nspname, c.collname) AS refresh_statement
      FROM candidates c
     CROSS JOIN LATERAL (SELECT pg_collation_actual_version(c.oid) AS version) actual
     WHERE c.collversion IS DISTINCT FROM actual.version
)
SELECT m.kind, m.object_name, m.provider, m.recorded_version, m.actual_version,
       coalesce(ix.names, '')                          AS dependent_indexes,
       coalesce(ix.n, 0)                               AS index_count,
       coalesce(ix.reindex, '')                        AS reindex_statements,
       m.refresh_statement
  FROM mismatched m
  LEFT JOIN LATERAL (
       SELECT string_agg(format('%I.%I', n.nspname, ic.relname), ', ' ORDER BY n.nspname, ic.relname) AS names,
              count(*) AS n,
              string_agg(format('REINDEX INDEX CONCURRENTLY %I.%I;', n.nspname, ic.relname), E'\n'
                         ORDER BY n.nspname, ic.relname) AS reindex
         FROM pg_index i
         JOIN pg_class ic    ON ic.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = ic.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname !~ '^pg_toast'
          AND (m.oid = ANY (i.indcollation::oid[])
               OR EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                             AND d.refclassid = 'pg_collation'::regclass AND d.refobjid = m.oid))) ix ON true
 ORDER BY m.kind DESC, m.object_name
