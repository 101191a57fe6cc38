-- Scans of the tables already large by relpages (at least half of :min_size, allowing for stale
-- relpages; every table when :min_size is NULL); only these candidates are sized exactly, never every
-- table, and only their counters are read (pg_stat_user_tables would compute every counter of every
-- table first).
-- PostgreSQL 16 and later, with last_seq_scan.
SELECT format('%I.%I', n.nspname, c.relname)                  AS qualified_name,
       n.nspname::text                                          AS schema_name,
       c.relname::text                                          AS table_name,
       -- For the remediation's statements: quoted here, so any name makes valid SQL. A name longer
       -- than 63 bytes is cut the same way in CREATE INDEX and in DROP INDEX.
       quote_ident(c.relname || '_pgwarden_idx')                AS index_name,
       format('%I.%I', n.nspname, c.relname || '_pgwarden_idx') AS qualified_index_name,
       quote_literal('%' || c.relname || '%')                   AS table_name_pattern,
       pg_relation_size(c.oid)                                  AS table_bytes,
       pg_size_pretty(pg_relation_size(c.oid))                  AS table_size,
       pg_stat_get_numscans(c.oid)                              AS seq_scan,
       pg_stat_get_tuples_returned(c.oid)                       AS seq_tup_read,
       (SELECT coalesce(sum(pg_stat_get_numscans(i.indexrelid)), 0)::bigint
          FROM pg_index i WHERE i.indrelid = c.oid)             AS idx_scan,
       pg_stat_get_lastscan(c.oid)                              AS last_seq_scan,
       (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset,
       EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS statements_available
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'm')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_toast'
   -- In pages, computed once rather than per table (rounded down: a candidate more, never one fewer).
   AND (:min_size::bigint IS NULL
        OR c.relpages >= (SELECT :min_size::bigint / 2 / current_setting('block_size')::bigint))
