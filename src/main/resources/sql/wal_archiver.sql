-- The WAL archiver's last success and last failure (pg_stat_archiver) and the segments still waiting
-- for it: a completed segment gets a .ready file in pg_wal/archive_status until archive_command (or
-- archive_library) has stored it, so the oldest .ready file says how long archiving has been behind
-- while WAL was written. Its name and modification time are those of the waiting segment.
-- pg_ls_archive_statusdir() needs pg_monitor (or superuser). The archive command itself is not read:
-- it may hold credentials.
WITH waiting AS (
    SELECT count(*) AS ready_count,
           min(left(name, 24)) AS oldest_ready_wal,
           min(modification) AS oldest_ready_time
      FROM pg_ls_archive_statusdir()
     WHERE name LIKE '%.ready'
)
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')      AS server_name,
       current_setting('archive_mode')                                                       AS archive_mode,
       pg_is_in_recovery()                                                                   AS in_recovery,
       a.archived_count,
       a.last_archived_wal,
       a.last_archived_time,
       a.failed_count,
       a.last_failed_wal,
       a.last_failed_time,
       a.stats_reset,
       w.ready_count,
       w.oldest_ready_wal,
       w.oldest_ready_time,
       (extract(epoch FROM now() - w.oldest_ready_time) * 1000000)::bigint                   AS oldest_ready_age_us,
       justify_interval(date_trunc('second', now() - w.oldest_ready_time))::text             AS oldest_ready_age
  FROM pg_stat_archiver a, waiting w
