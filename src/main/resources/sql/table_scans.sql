-- Scans of the tables already large by relpages (at least half of :min_size, allowing for stale
-- relpages); only these candidates are sized exactly, never every table.
-- PostgreSQL 13 to 15 (16 adds last_seq_scan: see table_scans.pg16.sql).
SELECT format('%I.%I', s.schemaname, s.relname)                 AS qualified_name,
       s.schemaname::text                                       AS schema_name,
       s.relname::text                                          AS table_name,
       pg_relation_size(s.relid)                                AS table_bytes,
       pg_size_pretty(pg_relation_size(s.relid))                AS table_size,
       coalesce(s.seq_scan, 0)                                  AS seq_scan,
       coalesce(s.seq_tup_read, 0)                              AS seq_tup_read,
       coalesce(s.idx_scan, 0)                                  AS idx_scan,
       NULL::timestamptz                                        AS last_seq_scan,
       (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset,
       EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS statements_available
  FROM pg_stat_user_tables s
  JOIN pg_class c ON c.oid = s.relid
 WHERE c.relpages::bigint * current_setting('block_size')::bigint >= :min_size / 2
