-- The settings a read-latency remediation may change, as they are now (the server_settings fact says
-- how to change and restore them), and the connected database's buffer cache hit ratio since its
-- statistics were reset.
SELECT current_database()                                                  AS database_name,
       current_setting('shared_buffers')                                   AS shared_buffers,
       current_setting('effective_io_concurrency')                         AS effective_io_concurrency,
       (SELECT round(blks_hit::numeric / nullif(blks_hit + blks_read, 0), 4)::text
          FROM pg_stat_database WHERE datname = current_database())        AS cache_hit_ratio
