-- Checkpoints since the checkpoint statistics were reset (pg_stat_checkpointer from PostgreSQL 17), split into
-- those checkpoint_timeout started and those something requested: WAL reaching max_wal_size, CHECKPOINT,
-- CREATE DATABASE, a base backup. stats_reset is set whenever these counters start (initdb, a reset, or
-- statistics discarded after a crash), so the window is known; NULL would mean "since statistics began".
-- max_wal_size applies on reload (context sighup) and only server-wide, so the rollback is ALTER SYSTEM:
-- RESET when the value comes from postgresql.conf or the default, else the value in force now.
WITH counters AS (
    SELECT num_timed AS timed, num_requested AS requested, stats_reset FROM pg_stat_checkpointer
), wal_size AS (
    SELECT setting::bigint AS mb, source, sourcefile FROM pg_settings WHERE name = 'max_wal_size'
)
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')   AS server_name,
       c.timed, c.requested, c.timed + c.requested                                         AS total,
       coalesce(c.requested::float8 / nullif(c.timed + c.requested, 0), 0)                 AS requested_share,
       c.stats_reset, 'checkpointer' AS stats_kind,
       extract(epoch FROM now() - coalesce(c.stats_reset, pg_postmaster_start_time()))::float8 / 3600 AS window_hours,
       current_setting('max_wal_size')                                                     AS max_wal_size,
       current_setting('checkpoint_timeout')                                               AS checkpoint_timeout,
       format('%sMB', w.mb * 2)                                                            AS proposed_max_wal_size,
       CASE WHEN w.source = 'default' OR (w.source = 'configuration file' AND w.sourcefile NOT LIKE '%postgresql.auto.conf')
            THEN 'ALTER SYSTEM RESET max_wal_size; SELECT pg_reload_conf();'
            ELSE format('ALTER SYSTEM SET max_wal_size = %L; SELECT pg_reload_conf();', current_setting('max_wal_size'))
       END                                                                                  AS max_wal_size_rollback
  FROM counters c, wal_size w
