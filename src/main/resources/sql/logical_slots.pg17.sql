-- Logical replication slots of the cluster, with how far each is behind and the statements that drop it
-- and create it again with the same name, output plugin, two-phase and failover settings. From 17
-- pg_upgrade carries a slot to the new cluster only when it is valid and has consumed all WAL; it
-- refuses to run otherwise. Temporary slots end with their session and are left out, as pg_upgrade
-- leaves them out.
-- PostgreSQL 17 and later: invalidation_reason names why a slot became unusable.
SELECT s.slot_name::text                                                AS slot_name,
       s.plugin::text                                                   AS plugin,
       s.database::text                                                 AS database_name,
       s.active,
       s.wal_status,
       s.invalidation_reason,
       pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END,
                       s.confirmed_flush_lsn)::bigint                   AS lag_bytes,
       format('SELECT pg_drop_replication_slot(%L);', s.slot_name)     AS drop_statement,
       format('SELECT pg_create_logical_replication_slot(%L, %L, twophase => %s, failover => %s);',
              s.slot_name, s.plugin, s.two_phase::text, s.failover::text)         AS create_statement
  FROM pg_replication_slots s
 WHERE s.slot_type = 'logical'
   AND NOT s.temporary
 ORDER BY s.slot_name
