-- Sessions connected now over TCP from another host without TLS, one row per role, database and client
-- address. Unix-socket (client_addr NULL) and loopback sessions never cross a network. pg_stat_ssl and
-- the other sessions' addresses need pg_read_all_stats (in pg_monitor); without it other roles'
-- sessions show no address and are not counted. hba_file (pg_read_all_settings, in pg_monitor) says
-- which file to change.
SELECT coalesce(a.usename::text, '?')                                AS user_name,
       coalesce(a.datname::text, 'replication')                     AS database_name,
       host(a.client_addr)                                          AS client_address,
       a.backend_type,
       count(*)                                                     AS sessions,
       min(a.backend_start)                                         AS oldest_since,
       current_setting('hba_file')                                  AS hba_file
  FROM pg_stat_activity a
  JOIN pg_stat_ssl s ON s.pid = a.pid
 WHERE a.backend_type IN ('client backend', 'walsender')
   AND a.client_addr IS NOT NULL
   AND NOT (a.client_addr << inet '127.0.0.0/8' OR a.client_addr = inet '::1')
   AND NOT s.ssl
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2, 3
