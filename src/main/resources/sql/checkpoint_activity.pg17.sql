-- Checkpoints since the checkpoint statistics were reset (pg_stat_checkpointer from PostgreSQL 17), split into
-- those checkpoint_timeout started and those something requested: WAL reaching max_wal_size, CHECKPOINT,
-- CREATE DATABASE, a base backup. stats_reset is set whenever these counters start (initdb, a reset, or
-- statistics discarded after a crash), so the window is known; NULL would mean "since statistics began".
-- The proposal doubles max_wal_size; server_settings says where its value comes from and how to restore it.
WITH counters AS (
    SELECT num_timed AS timed, num_requested AS requested, stats_reset FROM pg_stat_checkpointer
), wal_size AS (
    SELECT setting::bigint AS mb FROM pg_settings WHERE name = 'max_wal_size'
)
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')   AS server_name,
       c.timed, c.requested, c.timed + c.requested                                         AS total,
       coalesce(c.requested::float8 / nullif(c.timed + c.requested, 0), 0)                 AS requested_share,
       c.stats_reset, 'checkpointer' AS stats_kind,
       extract(epoch FROM now() - coalesce(c.stats_reset, pg_postmaster_start_time()))::float8 / 3600 AS window_hours,
       current_setting('max_wal_size')                                                     AS max_wal_size,
       current_setting('checkpoint_timeout')                                               AS checkpoint_timeout,
       format('%sMB', w.mb * 2)                                                            AS proposed_max_wal_size
  FROM counters c, wal_size w
