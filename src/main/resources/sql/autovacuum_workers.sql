-- The autovacuum worker pool now: its size, the workers busy and for how long each has held its slot
-- (backend_start: a worker keeps its slot for every table of its database it processes), the longest
-- first, with the cost settings that pace them and the statements that put those back.
-- autovacuum_max_workers applies at a restart up to PostgreSQL 17 and on reload from 18 (up to
-- autovacuum_worker_slots); pg_settings.context says which.
WITH workers AS (
    SELECT pid, datname::text AS datname, regexp_replace(query, '^autovacuum: ', '') AS task,
           now() - backend_start AS busy_for
      FROM pg_stat_activity
     WHERE backend_type = 'autovacuum worker'
), settings AS (
    SELECT name, context, source, sourcefile, current_setting(name) AS value FROM pg_settings
     WHERE name IN ('autovacuum_max_workers', 'autovacuum_vacuum_cost_delay', 'autovacuum_vacuum_cost_limit')
)
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')    AS server_name,
       current_setting('autovacuum')::boolean                                               AS autovacuum_on,
       current_setting('autovacuum_max_workers')::int                                       AS max_workers,
       current_setting('autovacuum_max_workers')::int * 2                                   AS proposed_max_workers,
       (SELECT count(*) FROM workers)                                                       AS busy_workers,
       coalesce((SELECT extract(epoch FROM min(busy_for)) FROM workers), 0)::float8          AS shortest_busy_seconds,
       coalesce((SELECT string_agg(format('pid %s in %s: %s for %s', pid, datname, task, date_trunc('second', busy_for)),
                                   '; ' ORDER BY busy_for DESC)
                   FROM (SELECT * FROM workers ORDER BY busy_for DESC LIMIT 5) longest), 'none') AS longest_workers,
       (SELECT value FROM settings WHERE name = 'autovacuum_vacuum_cost_delay')             AS cost_delay,
       (SELECT value FROM settings WHERE name = 'autovacuum_vacuum_cost_limit')             AS cost_limit,
       (SELECT CASE WHEN context = 'sighup' THEN 'SELECT pg_reload_conf();'
                    ELSE 'then restart the server (autovacuum_max_workers applies only at start)' END
          FROM settings WHERE name = 'autovacuum_max_workers')                               AS max_workers_apply,
       (SELECT string_agg(CASE WHEN source = 'default' OR (source = 'configuration file' AND sourcefile NOT LIKE '%postgresql.auto.conf')
                               THEN format('ALTER SYSTEM RESET %I;', name)
                               ELSE format('ALTER SYSTEM SET %I = %L;', name, value) END, ' ' ORDER BY name)
          FROM settings)                                                                    AS settings_rollback
