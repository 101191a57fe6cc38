-- The oldest tables of the connected database by freeze age, each with its TOAST table counted as
-- part of it (VACUUM of the owner freezes both). Only the oldest 100: enough to act on.
-- Sized from relpages, not the files: a size function takes a lock, so a table locked by a migration
-- would stall the whole wraparound check. relpages is 0 until a table is first vacuumed or analyzed,
-- so sized_by_statistics says whether the size means anything.
SELECT format('%I.%I', n.nspname, c.relname)                                       AS qualified_name,
       current_database()                                                          AS database_name,
       greatest(age(c.relfrozenxid), coalesce(age(t.relfrozenxid), 0))::bigint       AS xid_age,
       greatest(mxid_age(c.relminmxid), coalesce(mxid_age(t.relminmxid), 0))::bigint AS mxid_age,
       (c.relpages::bigint + coalesce(t.relpages, 0)) * current_setting('block_size')::bigint AS table_bytes,
       c.relpages > 0 OR c.reltuples > 0                                           AS sized_by_statistics
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
 WHERE c.relkind IN ('r', 'm')
   AND n.nspname !~ '^pg_temp_'
 ORDER BY xid_age DESC
 LIMIT 100
