-- Stored columns of the connected database whose values are OIDs that pg_upgrade does not keep, so after
-- the upgrade they would point at other objects or at nothing. pg_upgrade keeps pg_class, pg_type and
-- pg_authid OIDs, so regclass, regtype and regrole columns are safe; it refuses the rest of the reg*
-- types below, also when they are reached through a domain, an array, a composite type or a range.
-- Partitions and inheritance children are left out: ALTER TABLE on their parent changes them too.
WITH RECURSIVE unsafe_types(oid) AS (
    SELECT t.oid
      FROM pg_type t
     WHERE t.typnamespace = 'pg_catalog'::regnamespace
       AND t.typname IN ('regcollation', 'regconfig', 'regdictionary', 'regnamespace',
                         'regoper', 'regoperator', 'regproc', 'regprocedure')
    UNION
    SELECT t.oid
      FROM pg_type t
      JOIN unsafe_types u ON u.oid IN (t.typbasetype, t.typelem)
                          OR u.oid = (SELECT r.rngsubtype FROM pg_range r WHERE r.rngtypid = t.oid)
                          OR u.oid IN (SELECT a.atttypid FROM pg_attribute a
                                        WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
)
SELECT format('%I.%I.%I', n.nspname, c.relname, a.attname)          AS column_name,
       format('%I.%I', n.nspname, c.relname)                        AS table_name,
       c.relkind::text                                              AS relkind,
       format_type(a.atttypid, a.atttypmod)                         AS column_type,
       target.type_name                                             AS target_type,
       -- A materialized view cannot change a column's type: it is dropped before the upgrade and
       -- created again afterwards from its definition, with its indexes.
       CASE WHEN c.relkind = 'm'
            THEN format('DROP MATERIALIZED VIEW %I.%I;', n.nspname, c.relname)
            ELSE format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s USING %I::%s;',
                        n.nspname, c.relname, a.attname, target.type_name, a.attname, target.type_name)
       END                                                          AS change_statement,
       CASE WHEN c.relkind = 'm'
            THEN concat_ws(E'\n',
                           format('CREATE MATERIALIZED VIEW %I.%I AS', n.nspname, c.relname),
                           pg_get_viewdef(c.oid),
                           (SELECT string_agg(pg_get_indexdef(i.indexrelid) || ';', E'\n' ORDER BY i.indexrelid)
                              FROM pg_index i WHERE i.indrelid = c.oid))
            ELSE format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s USING %I::%s;',
                        n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                        a.attname, format_type(a.atttypid, a.atttypmod))
       END                                                          AS restore_statement
  FROM pg_attribute a
  JOIN pg_class c     ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t      ON t.oid = a.atttypid
 CROSS JOIN LATERAL (SELECT CASE WHEN t.typcategory = 'A' THEN 'text[]' ELSE 'text' END AS type_name) target
 WHERE a.atttypid IN (SELECT oid FROM unsafe_types)
   AND a.attnum > 0
   AND NOT a.attisdropped
   AND a.attinhcount = 0
   AND c.relkind IN ('r', 'p', 'm')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_(toast_)?temp_'
 ORDER BY 1
