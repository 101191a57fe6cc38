-- This server's side of replication in one row: on a primary, how many standbys stream from it; on a
-- standby, how far replay is behind the WAL it has received. pg_last_xact_replay_timestamp() is the
-- commit time of the last transaction replayed, so on a standby of an idle primary it ages although
-- nothing is behind: replay_delay is only computed while received and replayed positions differ,
-- and is NULL (no delay) when they are equal. A standby delayed on purpose (recovery_min_apply_delay)
-- is that far behind by design, so the delay is reported with it.
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')          AS server_name,
       pg_is_in_recovery()                                                                       AS in_recovery,
       (SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming')                      AS streaming_standbys,
       (SELECT string_agg(coalesce(nullif(application_name, ''), format('pid %s', pid)) || ' (' || state || ')', ', '
                          ORDER BY application_name) FROM pg_stat_replication)                   AS standbys,
       pg_last_wal_receive_lsn()::text                                                           AS receive_lsn,
       pg_last_wal_replay_lsn()::text                                                            AS replay_lsn,
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint              AS replay_behind_bytes,
       pg_last_xact_replay_timestamp()                                                           AS last_replayed_commit,
       CASE WHEN pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()
            THEN (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000000)::bigint
       END                                                                                       AS replay_delay_us,
       CASE WHEN pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()
            THEN justify_interval(date_trunc('second', now() - pg_last_xact_replay_timestamp()))::text
       END                                                                                       AS replay_delay,
       CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END               AS replay_paused,
       (SELECT status FROM pg_stat_wal_receiver)                                                 AS receiver_status,
       (SELECT sender_host || ':' || sender_port FROM pg_stat_wal_receiver)                      AS sender,
       (SELECT setting::bigint * 1000 FROM pg_settings WHERE name = 'recovery_min_apply_delay')      AS min_apply_delay_us
