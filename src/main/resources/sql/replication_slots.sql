-- Replication slots of the cluster, physical and logical, with the WAL and transaction IDs each keeps
-- from being removed, and the statements that drop it and create it again with the same name, type,
-- output plugin and options. retained_bytes is the WAL from the slot's restart_lsn to the server's
-- current position (on a standby: the WAL received), which the server cannot remove while the slot
-- exists; lag_bytes is how far a logical slot's consumer is behind (confirmed_flush_lsn).
-- wal_status (13+): reserved, extended, unreserved (beyond max_slot_wal_keep_size, removed at the next
-- checkpoint) or lost. A re-created slot starts from its creation: WAL in between is not kept for it.
-- One query for every major: the columns a later major added are read through to_jsonb(s), which has no
-- key for a column the view lacks, so they are NULL before it. two_phase (14+) and failover (17+) are
-- options of the re-created slot; invalidation_reason (17+) names why a slot became unusable, and before
-- 17 a slot whose WAL was removed is the invalid one; inactive_since (17+) is when its consumer last went
-- away, unknown before.
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
       coalesce(n.invalidation_reason, CASE WHEN s.wal_status = 'lost' THEN 'wal_removed' END) AS invalidation_reason,
       n.inactive_since,
       (extract(epoch FROM now() - n.inactive_since) * 1000000)::bigint   AS inactive_us,
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
            ELSE format('SELECT pg_create_logical_replication_slot(%L, %L%s%s);', s.slot_name, s.plugin,
                        ', twophase => ' || n.two_phase, ', failover => ' || n.failover)
       END                                                              AS create_statement
  FROM pg_replication_slots s
  CROSS JOIN LATERAL (SELECT j ->> 'invalidation_reason'         AS invalidation_reason,
                             (j ->> 'inactive_since')::timestamptz AS inactive_since,
                             j ->> 'two_phase'                    AS two_phase,
                             j ->> 'failover'                     AS failover
                        FROM to_jsonb(s) j) n
 ORDER BY s.slot_name
