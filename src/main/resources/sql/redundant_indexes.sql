-- Indexes another index of the same table makes redundant, each with the one index that covers it best:
--   duplicate: the same access method, key columns or expressions, operator classes, collations, sort
--              orders and predicate, and no INCLUDE column the other lacks; a unique index is covered
--              only by a unique one, a NULLS NOT DISTINCT one only by another. Of a set of duplicates
--              the one to keep backs a constraint (the primary key first), is unique (NULLS NOT
--              DISTINCT first), carries more columns, or is the older.
--   prefix:    a non-unique btree index whose keys (each with its operator class, collation and sort
--              order) are a leading prefix of another btree index's keys, with the same predicate and
--              no INCLUDE column the longer index lacks.
-- Only valid, ready indexes count. An index attached to a partitioned index is judged once, on the
-- parent (the partitioned index); it still covers an index created on that partition alone.
WITH idx AS MATERIALIZED (
    SELECT i.indexrelid,
           i.indrelid,
           ic.relkind,
           ic.relispartition,
           ic.relam,
           i.indisunique,
           -- UNIQUE NULLS NOT DISTINCT (PostgreSQL 15 and later) enforces more than a plain unique index;
           -- read through jsonb so one query serves every major.
           coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false)     AS nulls_not_distinct,
           c.contype,
           c.conname,
           -- Each key as its definition (a column or an expression), operator class, collation and order.
           ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) || ' ' || i.indclass[k - 1] || ' '
                        || i.indcollation[k - 1] || ' ' || i.indoption[k - 1]
                   FROM generate_series(1, i.indnkeyatts) k ORDER BY k)         AS keys,
           (string_to_array(i.indkey::text, ' ')::int[])                        AS columns,
           coalesce(pg_get_expr(i.indpred, i.indrelid), '')                     AS predicate,
           -- Which of a set of duplicates to keep: lower is kept first.
           (CASE c.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'x' THEN 1 ELSE 2 END,
            NOT i.indisunique, NOT coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
            -i.indnatts, i.indexrelid::bigint)                                   AS keep_order
      FROM pg_index i
      JOIN pg_class ic     ON ic.oid = i.indexrelid
      JOIN pg_namespace n  ON n.oid = ic.relnamespace
      LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
     WHERE i.indisvalid AND i.indisready
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
       -- Only an index with a sibling of its access method and first key can be either side of a pair;
       -- this spares the key definitions of every other index (most tables have one index, or unrelated ones).
       AND EXISTS (SELECT 1 FROM pg_index o JOIN pg_class oc ON oc.oid = o.indexrelid
                    WHERE o.indrelid = i.indrelid AND o.indexrelid <> i.indexrelid
                      AND oc.relam = ic.relam AND o.indkey[0] = i.indkey[0])
), pairs AS (
    SELECT DISTINCT ON (r.indexrelid)
           r.indexrelid, k.indexrelid AS kept_indexrelid, r.relkind, r.conname, r.contype,
           CASE WHEN r.keys = k.keys THEN 'duplicate' ELSE 'prefix' END AS relation
      FROM idx r
      JOIN idx k ON k.indrelid = r.indrelid AND k.indexrelid <> r.indexrelid
                AND k.relam = r.relam AND k.predicate = r.predicate
                AND r.columns <@ k.columns
     WHERE NOT r.relispartition
       -- An exclusion constraint's behaviour lies in its operators, which its index does not show.
       AND r.contype IS DISTINCT FROM 'x'
       AND ((r.keys = k.keys AND k.keep_order < r.keep_order AND (k.indisunique OR NOT r.indisunique)
             AND (k.nulls_not_distinct OR NOT r.nulls_not_distinct))
            OR (cardinality(r.keys) < cardinality(k.keys)
                AND r.keys = k.keys[1:cardinality(r.keys)]
                AND r.relam = (SELECT oid FROM pg_am WHERE amname = 'btree')
                AND NOT r.indisunique AND r.contype IS NULL))
     ORDER BY r.indexrelid, r.keys = k.keys DESC, k.keep_order
)
SELECT format('%I.%I', n.nspname, ic.relname)                         AS index_name,
       format('%I.%I', tn.nspname, tc.relname)                        AS table_name,
       p.relation,
       format('%I.%I', kn.nspname, kc.relname)                        AS kept_index_name,
       pg_get_indexdef(p.indexrelid)                                  AS index_definition,
       pg_get_indexdef(p.kept_indexrelid)                             AS kept_index_definition,
       pg_relation_size(p.indexrelid)                                 AS index_bytes,
       pg_size_pretty(pg_relation_size(p.indexrelid))                 AS index_size,
       p.conname IS NOT NULL                                          AS backs_constraint,
       -- A partitioned index cannot be dropped or created CONCURRENTLY; its partitions' indexes go with it.
       CASE WHEN p.conname IS NOT NULL
            THEN format('ALTER TABLE %I.%I DROP CONSTRAINT %I;', tn.nspname, tc.relname, p.conname)
            WHEN p.relkind = 'I' THEN format('DROP INDEX %I.%I;', n.nspname, ic.relname)
            ELSE format('DROP INDEX CONCURRENTLY %I.%I;', n.nspname, ic.relname) END AS drop_statement,
       CASE WHEN p.conname IS NOT NULL
            THEN format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s;', tn.nspname, tc.relname, p.conname,
                        (SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                          WHERE c.conindid = p.indexrelid AND c.conname = p.conname AND c.conrelid = tc.oid))
            WHEN p.relkind = 'I' THEN pg_get_indexdef(p.indexrelid) || ';'
            ELSE regexp_replace(pg_get_indexdef(p.indexrelid), '^CREATE (UNIQUE )?INDEX ', 'CREATE \1INDEX CONCURRENTLY ') || ';'
       END                                                            AS recreate_statement
  FROM pairs p
  JOIN pg_class ic     ON ic.oid = p.indexrelid
  JOIN pg_namespace n  ON n.oid = ic.relnamespace
  JOIN pg_index i      ON i.indexrelid = p.indexrelid
  JOIN pg_class tc     ON tc.oid = i.indrelid
  JOIN pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_class kc     ON kc.oid = p.kept_indexrelid
  JOIN pg_namespace kn ON kn.oid = kc.relnamespace
 ORDER BY 1
