-- Replication slots of the cluster, physical and logical, with the WAL and transaction IDs each keeps
-- from being removed, and the statements that drop it and create it again with the same name, type,
-- output plugin and options. retained_bytes is the WAL from the slot's restart_lsn to the server's
-- current position (on a standby: the WAL received), which the server cannot remove while the slot
-- exists; lag_bytes is how far a logical slot's consumer is behind (confirmed_flush_lsn).
-- wal_status (13+): reserved, extended, unreserved (beyond max_slot_wal_keep_size, removed at the next
-- checkpoint) or lost. A re-created slot starts from its creation: WAL in between is not kept for it.
-- PostgreSQL 14 to 16: two_phase exists; invalidation_reason and inactive_since (17) do not, so a slot
-- whose WAL was removed is the invalid one, and how long a slot has been unused is unknown.
SELECT s.slot_name::text                                                AS slot_name,
       s.slot_type,
       s.plugin::text                                                   AS plugin,
       s.database::text                                                 AS database_name,
       CASE WHEN s.slot_type = 'physical' THEN 'physical' ELSE format('logical, plugin %s, database %s', s.plugin, s.database) END
         || CASE WHEN s.temporary THEN ', temporary' ELSE '' END        AS description,
       s.temporary,
       s.active,
       s.active_pid,
       s.wal_status,
       s.safe_wal_size,
       CASE WHEN s.wal_status = 'lost' THEN 'wal_removed' END           AS invalidation_reason,
       NULL::timestamptz                                                AS inactive_since,
       NULL::bigint                                                     AS inactive_us,
       pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END,
                       s.restart_lsn)::bigint                           AS retained_bytes,
       pg_size_pretty(pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END,
                       s.restart_lsn))                                  AS retained,
       pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END,
                       s.confirmed_flush_lsn)::bigint                   AS lag_bytes,
       age(s.xmin)::bigint                                              AS xmin_age,
       age(s.catalog_xmin)::bigint                                      AS catalog_xmin_age,
       coalesce(greatest(age(s.xmin), age(s.catalog_xmin)), 0)::bigint  AS oldest_xmin_age,
       format('SELECT pg_drop_replication_slot(%L);', s.slot_name)     AS drop_statement,
       CASE WHEN s.slot_type = 'physical'
            THEN format('SELECT pg_create_physical_replication_slot(%L, immediately_reserve => true);', s.slot_name)
            ELSE format('SELECT pg_create_logical_replication_slot(%L, %L, twophase => %s);',
                        s.slot_name, s.plugin, s.two_phase::text)
       END                                                              AS create_statement
  FROM pg_replication_slots s
 ORDER BY s.slot_name
