-- The autovacuum worker pool now: its size, the workers busy and for how long each has held its slot
-- (backend_start: a worker keeps its slot for every table of its database it processes), the longest
-- first, with the cost settings that pace them (server_settings has how to change and restore them), and
-- the table of the connected database the longest-running worker is on, with the statements that lift
-- its own cost delay and restore the value it had (its reloption, or none).
WITH workers AS (
    SELECT pid, datname::text AS datname, regexp_replace(query, '^autovacuum: ', '') AS task,
           now() - backend_start AS busy_for
      FROM pg_stat_activity
     WHERE backend_type = 'autovacuum worker'
), busiest AS (
    SELECT p.relid::regclass::text AS table_name,
           (SELECT o.option_value FROM pg_class c, pg_options_to_table(c.reloptions) o
             WHERE c.oid = p.relid AND o.option_name = 'autovacuum_vacuum_cost_delay') AS cost_delay
      FROM workers w
      JOIN pg_stat_progress_vacuum p ON p.pid = w.pid
     WHERE p.datname = current_database()
     ORDER BY w.busy_for DESC
     LIMIT 1
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
       current_setting('autovacuum_vacuum_cost_delay')                                      AS cost_delay,
       current_setting('autovacuum_vacuum_cost_limit')                                      AS cost_limit,
       coalesce((SELECT format('ALTER TABLE %s SET (autovacuum_vacuum_cost_delay = 0);', table_name) FROM busiest),
                'ALTER TABLE <table> SET (autovacuum_vacuum_cost_delay = 0);  (connected to the database of a worker above)')
                                                                                             AS table_remediation,
       coalesce((SELECT CASE WHEN cost_delay IS NULL
                             THEN format('ALTER TABLE %s RESET (autovacuum_vacuum_cost_delay);', table_name)
                             ELSE format('ALTER TABLE %s SET (autovacuum_vacuum_cost_delay = %s);', table_name, cost_delay) END
                   FROM busiest),
                'ALTER TABLE <table> RESET (autovacuum_vacuum_cost_delay);  (or SET it to the value it had)')
                                                                                             AS table_rollback
