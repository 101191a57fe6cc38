-- Standbys (and pg_basebackup or pg_receivewal clients) streaming from this server, with how far each
-- is behind in bytes of WAL and in time. replay_lag is measured by the server from the standby's
-- replies and becomes NULL once a standby has replayed everything and no WAL is being written, so an
-- idle primary shows no lag. On a cascading standby the position compared against is the WAL it has
-- received, since it writes none of its own. Without pg_read_all_stats the positions and lags of
-- other roles' senders read NULL; stats_visibility says so.
SELECT coalesce(nullif(r.application_name, ''), format('pid %s', r.pid))        AS standby_name,
       r.pid,
       coalesce(host(r.client_addr), CASE WHEN r.client_port = -1 THEN 'local socket' END, 'unknown') AS client_address,
       r.state,
       r.sync_state,
       r.replay_lsn::text                                                         AS replay_lsn,
       pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END,
                       r.replay_lsn)::bigint                                      AS replay_lag_bytes,
       (extract(epoch FROM r.replay_lag) * 1000000)::bigint                       AS replay_lag_us,
       coalesce(r.replay_lag::text, 'none')                                       AS replay_lag,
       (extract(epoch FROM r.write_lag) * 1000000)::bigint                        AS write_lag_us,
       (extract(epoch FROM r.flush_lag) * 1000000)::bigint                        AS flush_lag_us,
       r.reply_time
  FROM pg_stat_replication r
 ORDER BY standby_name
