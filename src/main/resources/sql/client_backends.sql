-- Client sessions of the whole cluster with their transaction and state ages, except this session:
-- pgwarden's own connection is never the long transaction or the idle one it reports. Autovacuum
-- workers, WAL senders and parallel workers are not client backends and are left out (a parallel
-- worker's leader is the client backend that stands for it). Without pg_read_all_stats (part of
-- pg_monitor) other roles' sessions show no state, times or query; stats_visibility says so.
-- The query is never read whole: only its start, after string, dollar-quoted and numeric literals are
-- masked (a password in ALTER ROLE, a card number in a WHERE clause), with whitespace collapsed.
SELECT a.pid,
       a.usename::text                                                           AS user_name,
       coalesce(nullif(a.application_name, ''), '(none)')                        AS application_name,
       coalesce(host(a.client_addr), CASE WHEN a.client_port = -1 THEN 'local socket' END, 'unknown') AS client_address,
       a.datname::text                                                           AS database_name,
       a.state,
       a.xact_start,
       (extract(epoch FROM now() - a.xact_start) * 1000000)::bigint              AS xact_age_us,
       justify_interval(date_trunc('second', now() - a.xact_start))::text        AS xact_age,
       a.state_change,
       (extract(epoch FROM now() - a.state_change) * 1000000)::bigint            AS state_age_us,
       justify_interval(date_trunc('second', now() - a.state_change))::text      AS state_age,
       a.wait_event_type,
       a.wait_event,
       left(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(a.query,
              '\$([A-Za-z_][A-Za-z0-9_]*)?\$.*$', '$…', 's'),                    -- dollar quoting: cut there
              '[Ee]''([^''\\]|\\.|'''')*(''|$)', '''…''', 'g'),                  -- E'...' with backslash escapes
              '''([^'']|'''')*(''|$)', '''…''', 'g'),                            -- '...', closed or cut off
              '(^|[^A-Za-z0-9_$.])[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?', '\1…', 'g'), -- numbers, not $1 or t1
              '\s+', ' ', 'g'), 80)                                              AS query_start,
       -- The setting that bounds a whole transaction: transaction_timeout from 17, each statement before.
       CASE WHEN current_setting('server_version_num')::int >= 170000 THEN 'transaction_timeout'
            ELSE 'statement_timeout' END                                         AS timeout_setting,
       format('SELECT pg_cancel_backend(%s);', a.pid)                            AS cancel_statement,
       format('SELECT pg_terminate_backend(%s);', a.pid)                         AS terminate_statement
  FROM pg_stat_activity a
 WHERE a.backend_type = 'client backend'
   AND a.pid <> pg_backend_pid()
 ORDER BY a.xact_start NULLS LAST, a.pid
