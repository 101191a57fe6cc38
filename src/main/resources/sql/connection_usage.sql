-- Client backends against the slots ordinary users can take, with who holds them. The settings the
-- remediation changes come from the server_settings fact, which knows the level they are set at.
-- reserved_connections exists from PostgreSQL 16; before, current_setting(..., true) is NULL and no
-- slots are reserved that way.
WITH limits AS (
    SELECT current_setting('max_connections')::int                AS max_connections,
           current_setting('superuser_reserved_connections')::int AS superuser_reserved_connections,
           coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved_connections
), clients AS (
    SELECT usename::text AS usename, datname::text AS datname, application_name, state
      FROM pg_stat_activity
     WHERE backend_type = 'client backend'
)
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')       AS server_name,
       l.max_connections, l.superuser_reserved_connections, l.reserved_connections,
       greatest(l.max_connections - l.superuser_reserved_connections - l.reserved_connections, 1) AS usable_slots,
       (SELECT count(*) FROM clients)                                                          AS client_backends,
       (SELECT count(*) FROM clients)::float8
         / greatest(l.max_connections - l.superuser_reserved_connections - l.reserved_connections, 1) AS used_fraction,
       (SELECT count(*) FROM clients WHERE state = 'active')                                   AS active,
       (SELECT count(*) FROM clients WHERE state = 'idle')                                     AS idle,
       (SELECT count(*) FROM clients WHERE state = 'idle in transaction')                      AS idle_in_transaction,
       (SELECT count(*) FROM clients WHERE state = 'idle in transaction (aborted)')            AS idle_in_transaction_aborted,
       (SELECT string_agg(format('%s=%s', k, n), ', ' ORDER BY n DESC, k) FROM (
            SELECT coalesce(usename, '?') AS k, count(*) AS n FROM clients GROUP BY 1 ORDER BY 2 DESC LIMIT 5) u) AS top_users,
       (SELECT string_agg(format('%s=%s', k, n), ', ' ORDER BY n DESC, k) FROM (
            SELECT coalesce(datname, '?') AS k, count(*) AS n FROM clients GROUP BY 1 ORDER BY 2 DESC LIMIT 5) d) AS top_databases,
       (SELECT string_agg(format('%s=%s', k, n), ', ' ORDER BY n DESC, k) FROM (
            SELECT coalesce(nullif(application_name, ''), '(none)') AS k, count(*) AS n
              FROM clients GROUP BY 1 ORDER BY 2 DESC LIMIT 5) a) AS top_applications,
       -- whose idle_in_transaction_session_timeout the remediation should change: a role's own value wins
       (SELECT usename FROM clients WHERE state LIKE 'idle in transaction%' AND datname = current_database()
         GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)                                         AS idle_in_transaction_user
  FROM limits l
