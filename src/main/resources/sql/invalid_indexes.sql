-- Invalid indexes of the connected database (pg_index.indisvalid = false): left behind by a CREATE INDEX
-- CONCURRENTLY or REINDEX CONCURRENTLY that failed. pg_dump leaves them out, so pg_upgrade's schema
-- restore silently drops them: after the upgrade the index is gone, and a unique one no longer
-- guards anything. Indexes of partitioned tables are left out: pg_dump keeps those, and they become
-- valid once every partition has its index attached.
-- An index that CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY is building right now is invalid too,
-- until the build ends: build_in_progress says so (pg_stat_progress_create_index, which pg_monitor
-- reads for every session), so that a check judges only what is left once no build runs.
SELECT format('%I.%I', n.nspname, ic.relname)                     AS index_name,
       format('%I.%I', tn.nspname, tc.relname)                    AS table_name,
       i.indisunique                                               AS is_unique,
       pg_relation_size(i.indexrelid)                              AS index_bytes,
       pg_get_indexdef(i.indexrelid) || ';'                        AS index_definition,
       -- REINDEX CONCURRENTLY leaves its half-built copy behind as <name>_ccnew (or the old one as
       -- _ccold); that copy is to be dropped, not rebuilt.
       ic.relname ~ '_cc(new|old)[0-9]*$'                          AS reindex_leftover,
       format('REINDEX INDEX CONCURRENTLY %I.%I;', n.nspname, ic.relname) AS reindex_statement,
       format('DROP INDEX CONCURRENTLY %I.%I;', n.nspname, ic.relname)    AS drop_statement,
       regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX ', 'CREATE \1INDEX CONCURRENTLY ') || ';'
                                                                   AS create_concurrently_statement,
       EXISTS (SELECT 1 FROM pg_stat_progress_create_index p
                WHERE p.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND p.relid = i.indrelid
                  -- REINDEX CONCURRENTLY reports the index it rebuilds, not its _ccnew copy
                  AND (p.index_relid IN (0, i.indexrelid) OR p.command = 'REINDEX CONCURRENTLY'))
                                                                   AS build_in_progress
  FROM pg_index i
  JOIN pg_class ic     ON ic.oid = i.indexrelid
  JOIN pg_namespace n  ON n.oid = ic.relnamespace
  JOIN pg_class tc     ON tc.oid = i.indrelid
  JOIN pg_namespace tn ON tn.oid = tc.relnamespace
 WHERE NOT i.indisvalid
   AND tc.relkind <> 'p'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
 ORDER BY 1
