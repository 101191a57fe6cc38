-- Whether autovacuum can start a worker for a table now, as one row: how often its launcher visits each
-- database (autovacuum_naptime: a worker per database per naptime, while a worker slot is free), and how
-- many of autovacuum_max_workers are busy, since when.
WITH workers AS (
    SELECT count(*)::int AS busy, max(backend_start) AS youngest_start
      FROM pg_stat_activity
     WHERE backend_type = 'autovacuum worker'
)
-- current_setting shows the naptime with its unit (1min, 15s), which interval input reads; pg_settings would
-- compute every setting's row for this one.
SELECT extract(epoch FROM current_setting('autovacuum_naptime')::interval)::bigint AS naptime_seconds,
       current_setting('autovacuum_max_workers')::int                       AS max_workers,
       w.busy                                                               AS busy_workers,
       w.youngest_start                                                     AS youngest_worker_start,
       extract(epoch FROM now() - w.youngest_start)::float8                 AS youngest_worker_seconds
  FROM workers w
