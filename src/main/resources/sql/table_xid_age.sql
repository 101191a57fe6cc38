-- The oldest tables of the connected database by freeze age, each with its TOAST table counted as
-- part of it (VACUUM of the owner freezes both). Only tables past :warn_age or :warn_mxid_age (either
-- may be NULL: no such bound; both NULL: every table), and only the oldest 100: enough to act on.
-- The database's datfrozenxid and datminmxid are never newer than any of its tables', so while the
-- database itself is past neither bound no table can be, and pg_class is not read at all.
-- Sized from relpages, not the files: a size function takes a lock, so a table locked by a migration
-- would stall the whole wraparound check. relpages is 0 until a table is first vacuumed or analyzed,
-- so sized_by_statistics says whether the size means anything.
WITH bounds AS (
    SELECT :warn_age::bigint AS xid_bound, :warn_mxid_age::bigint AS mxid_bound
), database_age AS (
    SELECT age(datfrozenxid)::bigint AS xid_age, mxid_age(datminmxid)::bigint AS mxid_age
      FROM pg_database WHERE datname = current_database()
), tables AS (
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
       AND (SELECT (b.xid_bound IS NULL AND b.mxid_bound IS NULL)
                   OR d.xid_age > b.xid_bound OR d.mxid_age > b.mxid_bound
              FROM bounds b, database_age d)
)
SELECT t.*
  FROM tables t, bounds b
 WHERE (b.xid_bound IS NULL AND b.mxid_bound IS NULL)
    OR t.xid_age > b.xid_bound OR t.mxid_age > b.mxid_bound
 ORDER BY t.xid_age DESC
 LIMIT 100
