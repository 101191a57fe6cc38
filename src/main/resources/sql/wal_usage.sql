-- The WAL directory against what the server means to keep there: max_wal_size (WAL beyond it is removed
-- or recycled at the next checkpoint) plus wal_keep_size. Its usual keepers when it grows past that,
-- for the evidence: replication slots (their restart_lsn) and failing archiving (the last failure after
-- the last success). pg_ls_waldir() needs pg_monitor (or superuser).
WITH wal AS (
    SELECT count(*) AS files, coalesce(sum(size), 0)::bigint AS bytes FROM pg_ls_waldir()
), position AS (
    SELECT CASE WHEN pg_is_in_recovery() THEN coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
                ELSE pg_current_wal_lsn() END AS lsn
), held AS (
    SELECT s.slot_name, s.active, pg_wal_lsn_diff(p.lsn, s.restart_lsn)::bigint AS retained
      FROM pg_replication_slots s, position p
     WHERE s.restart_lsn IS NOT NULL
), slots AS (
    SELECT count(*) AS slots,
           string_agg(format('%s (%s, %s)', slot_name, CASE WHEN active THEN 'active' ELSE 'inactive' END,
                             pg_size_pretty(retained)), ', ' ORDER BY retained DESC) AS oldest_slots,
           max(retained) AS slot_retained_bytes
      FROM held
)
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')   AS server_name,
       wal.files AS wal_files, wal.bytes AS wal_bytes, pg_size_pretty(wal.bytes)              AS wal_size,
       pg_size_bytes(current_setting('max_wal_size'))                                       AS max_wal_size_bytes,
       current_setting('max_wal_size')                                                      AS max_wal_size,
       pg_size_bytes(current_setting('wal_keep_size'))                                      AS wal_keep_size_bytes,
       current_setting('wal_keep_size')                                                     AS wal_keep_size,
       coalesce(slots.slots, 0)                                                             AS slots,
       coalesce(slots.oldest_slots, 'none')                                                 AS slots_holding_wal,
       coalesce(slots.slot_retained_bytes, 0)                                               AS slot_retained_bytes,
       current_setting('archive_mode')                                                      AS archive_mode,
       a.failed_count                                                                       AS archive_failed_count,
       coalesce(a.last_failed_wal, 'none')                                                  AS archive_last_failed_wal,
       (a.last_failed_time IS NOT NULL AND a.last_failed_time > coalesce(a.last_archived_time, '-infinity'))
                                                                                             AS archiving_failing
  FROM wal, slots, pg_stat_archiver a
