-- How much of its range each sequence has used, measured against the narrowest integer column it feeds:
-- an integer column fed by a bigint sequence (a serial made before PostgreSQL 10, a hand-written
-- DEFAULT nextval()) fails at 2147483647 while the sequence still has billions left. Columns are found
-- through ownership (serial, identity, OWNED BY) and through defaults calling nextval(). Cycling
-- sequences are left out: they are meant to wrap.
-- last_value needs SELECT or USAGE on the sequence (pg_monitor grants neither): readable says whether
-- this role could read it; the position of an unreadable sequence is unknown, not zero. A readable
-- sequence never called (last_value NULL) is judged by its START, the value it hands out first.
WITH sequences AS (
    SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL) AS sequence_type,
           s.seqincrement AS increment, s.seqmin AS min_value, s.seqmax AS max_value, s.seqstart AS start_value,
           has_sequence_privilege(c.oid, 'SELECT,USAGE') AS readable
      FROM pg_sequence s
      JOIN pg_class c ON c.oid = s.seqrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT s.seqcycle
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_)'
), fed AS (
    SELECT d.objid AS seq, d.refobjid AS rel, d.refobjsubid AS attnum
      FROM pg_depend d
     WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
       AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
    UNION
    SELECT d.refobjid, ad.adrelid, ad.adnum
      FROM pg_depend d
      JOIN pg_attrdef ad ON ad.oid = d.objid
     WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass
), columns AS (
    -- Partitions repeat their parent's columns and defaults: the parent's column stands for them.
    SELECT f.seq, format('%I.%I', n.nspname, c.relname) AS table_name, quote_ident(a.attname) AS column_name,
           format_type(a.atttypid, a.atttypmod) AS column_type,
           CASE a.atttypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647
                           ELSE 9223372036854775807 END::numeric AS type_max,
           CASE a.atttypid WHEN 'int2'::regtype THEN -32768 WHEN 'int4'::regtype THEN -2147483648
                           ELSE -9223372036854775808 END::numeric AS type_min,
           a.atttypid IN ('int2'::regtype, 'int4'::regtype) AS narrower_than_bigint
      FROM fed f
      JOIN pg_class c ON c.oid = f.rel
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = f.rel AND a.attnum = f.attnum AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
), measured AS (
    SELECT s.*,
           s.increment > 0 AS ascending,
           lim.table_name IS NOT NULL AS limited_by_column,
           lim.table_name || '.' || lim.column_name AS limiting_column,
           lim.column_type,
           CASE WHEN s.increment > 0 THEN coalesce(lim.type_max, s.max_value)
                ELSE coalesce(lim.type_min, s.min_value) END AS limit_value,
           v.last_value,
           -- Whether the sequence itself stops short of bigint's range in its direction.
           s.sequence_type <> 'bigint'
             OR (s.increment > 0 AND s.max_value < 9223372036854775807)
             OR (s.increment < 0 AND s.min_value > -9223372036854775808) AS sequence_narrowed,
           coalesce(v.last_value, s.start_value)::numeric AS position
      FROM sequences s
      CROSS JOIN LATERAL (SELECT CASE WHEN s.readable THEN pg_sequence_last_value(s.oid::regclass) END AS last_value) v
      -- The column that runs out first, if one runs out before the sequence does.
      LEFT JOIN LATERAL (
            SELECT c.* FROM columns c
             WHERE c.seq = s.oid
               AND CASE WHEN s.increment > 0 THEN c.type_max < s.max_value ELSE c.type_min > s.min_value END
             ORDER BY CASE WHEN s.increment > 0 THEN c.type_max ELSE -c.type_min END
             LIMIT 1) lim ON true
)
SELECT coalesce(m.limiting_column, format('%I.%I', m.nspname, m.relname))          AS object_name,
       m.limited_by_column,
       format('%I.%I', m.nspname, m.relname)                                              AS sequence_name,
       m.sequence_type,
       m.column_type,
       m.increment, m.min_value, m.max_value, m.start_value,
       m.last_value,
       m.readable,
       m.readable AND m.last_value IS NULL                                                AS never_called,
       m.limit_value::text                                                                AS limit_value,
       -- Share of the range between the sequence's first value and the limit already handed out.
       CASE WHEN NOT m.readable THEN 0
            WHEN m.ascending THEN greatest(m.position - m.min_value, 0) / nullif(m.limit_value - m.min_value, 0)
            ELSE greatest(m.max_value - m.position, 0) / nullif(m.max_value - m.limit_value, 0)
       END::float8                                                                        AS used_fraction,
       CASE WHEN m.readable THEN floor(abs(m.limit_value - m.position) / abs(m.increment)) END::text AS remaining_values,
       -- Every column the sequence feeds that is narrower than bigint, then the sequence, widened; and back.
       concat_ws(E'\n',
           (SELECT string_agg(format('ALTER TABLE %s ALTER COLUMN %s TYPE bigint;', c.table_name, c.column_name), E'\n'
                              ORDER BY c.table_name, c.column_name)
              FROM columns c WHERE c.seq = m.oid AND c.narrower_than_bigint),
           CASE WHEN m.sequence_narrowed
                THEN format('ALTER SEQUENCE %I.%I AS bigint %s;', m.nspname, m.relname,
                            CASE WHEN m.ascending THEN 'NO MAXVALUE' ELSE 'NO MINVALUE' END) END)  AS widen_statements,
       concat_ws(E'\n',
           CASE WHEN m.sequence_narrowed
                THEN format('ALTER SEQUENCE %I.%I AS %s MINVALUE %s MAXVALUE %s;', m.nspname, m.relname,
                            m.sequence_type, m.min_value, m.max_value) END,
           (SELECT string_agg(format('ALTER TABLE %s ALTER COLUMN %s TYPE %s;', c.table_name, c.column_name, c.column_type), E'\n'
                              ORDER BY c.table_name, c.column_name)
              FROM columns c WHERE c.seq = m.oid AND c.narrower_than_bigint))                 AS restore_statements
  FROM measured m
 ORDER BY 1
