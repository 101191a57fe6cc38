-- Logical replication slots of the cluster, with how far each is behind and the statements that drop it
-- and create it again with the same name, output plugin and two-phase setting. pg_upgrade before 17
-- carries no slot to the new cluster; from 17 it carries those that are valid and have consumed all
-- WAL. Temporary slots end with their session and are left out, as pg_upgrade leaves them out.
-- PostgreSQL 14 to 16: two_phase exists; invalidation_reason (17) does not, so a slot whose WAL was
-- removed is the invalid one.
SELECT s.slot_name::text                                                AS slot_name,
       s.plugin::text                                                   AS plugin,
       s.database::text                                                 AS database_name,
       s.active,
       s.wal_status,
       CASE WHEN s.wal_status = 'lost' THEN 'wal_removed' END           AS invalidation_reason,
       pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END,
                       s.confirmed_flush_lsn)::bigint                   AS lag_bytes,
       format('SELECT pg_drop_replication_slot(%L);', s.slot_name)     AS drop_statement,
       format('SELECT pg_create_logical_replication_slot(%L, %L, twophase => %s);',
              s.slot_name, s.plugin, s.two_phase::text)                     AS create_statement
  FROM pg_replication_slots s
 WHERE s.slot_type = 'logical'
   AND NOT s.temporary
 ORDER BY s.slot_name
