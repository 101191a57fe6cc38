-- What each user table is: kind, persistence, its keys and indexes, and its size by relpages (no size
-- function is called per table). For rules about how tables are defined rather than how they are used.
SELECT format('%I.%I', n.nspname, c.relname)                            AS qualified_name,
       n.nspname::text                                                  AS schema_name,
       c.relname::text                                                  AS table_name,
       c.relkind::text                                                  AS relkind,
       c.relpersistence = 'u'                                           AS unlogged,
       c.relispartition                                                 AS partition,
       greatest(c.reltuples, 0)::float8                                 AS estimated_rows,
       c.relpages::bigint * current_setting('block_size')::bigint       AS estimated_bytes,
       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p') AS has_primary_key,
       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique)        AS has_unique_index,
       (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid)                          AS index_count
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_(toast|temp_)'
