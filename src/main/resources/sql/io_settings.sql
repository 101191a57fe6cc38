-- The settings a read-latency remediation may change, with statements restoring each as it is now,
-- and the connected database's buffer cache hit ratio since its statistics were reset.
WITH settings AS (
    SELECT name, setting, unit, source, sourcefile, current_setting(name) AS shown
      FROM pg_settings WHERE name IN ('shared_buffers', 'effective_io_concurrency')
), restore AS (
    SELECT name, shown,
           CASE
             -- Set in postgresql.conf or built in: removing the ALTER SYSTEM entry restores it.
             WHEN source = 'default' OR (source = 'configuration file' AND sourcefile NOT LIKE '%postgresql.auto.conf')
               THEN format('ALTER SYSTEM RESET %s;', name)
             ELSE format('ALTER SYSTEM SET %s = %L;', name, shown)
           END || CASE WHEN name = 'shared_buffers' THEN '' ELSE ' SELECT pg_reload_conf();' END AS rollback
      FROM settings
)
SELECT current_database()                                                  AS database_name,
       (SELECT shown FROM restore WHERE name = 'shared_buffers')           AS shared_buffers,
       (SELECT rollback FROM restore WHERE name = 'shared_buffers')        AS shared_buffers_rollback,
       (SELECT shown FROM restore WHERE name = 'effective_io_concurrency') AS effective_io_concurrency,
       (SELECT rollback FROM restore WHERE name = 'effective_io_concurrency') AS effective_io_concurrency_rollback,
       (SELECT round(blks_hit::numeric / nullif(blks_hit + blks_read, 0), 4)::text
          FROM pg_stat_database WHERE datname = current_database())        AS cache_hit_ratio
