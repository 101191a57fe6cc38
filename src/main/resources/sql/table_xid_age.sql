-- The oldest tables of the connected database by freeze age, each with its TOAST table counted as
-- part of it (VACUUM of the owner freezes both). Only the oldest 100: enough to act on. Those are
-- sized from their files, not relpages, which stays 0 for a table never vacuumed or analyzed.
SELECT oldest.qualified_name, oldest.database_name, oldest.xid_age, oldest.mxid_age,
       coalesce(pg_relation_size(oldest.oid), 0) + coalesce(pg_relation_size(oldest.toast_oid), 0) AS table_bytes
  FROM (SELECT format('%I.%I', n.nspname, c.relname)                                AS qualified_name,
               current_database()                                                   AS database_name,
               greatest(age(c.relfrozenxid), coalesce(age(t.relfrozenxid), 0))::bigint       AS xid_age,
               greatest(mxid_age(c.relminmxid), coalesce(mxid_age(t.relminmxid), 0))::bigint AS mxid_age,
               c.oid,
               t.oid                                                                AS toast_oid
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
         WHERE c.relkind IN ('r', 'm')
           AND n.nspname !~ '^pg_temp_'
         ORDER BY xid_age DESC
         LIMIT 100) oldest
 ORDER BY oldest.xid_age DESC
