-- The oldest snapshot whose row versions no vacuum of this database's tables may remove (the xmin
-- horizon), and what holds it, as one row; no row when nothing does. Vacuum's own snapshot holds nobody
-- back, so autovacuum workers and running VACUUMs are no holders; nor are active replication slots and
-- walsenders, whose xmin moves on with their standby. Backends and prepared transactions of other
-- databases do not hold this database's tables back; a replication slot holds every database.
WITH holders AS (
    SELECT 'transaction' AS kind,
           format('pid %s (%s, %s, %s)', a.pid, coalesce(a.usename::text, '?'),
                  coalesce(nullif(a.application_name, ''), 'no application_name'), coalesce(a.state, '?')) AS holder,
           a.xact_start AS since,
           greatest(age(a.backend_xid), age(a.backend_xmin))::bigint AS xmin_age,
           format('SELECT pg_terminate_backend(%s);  -- or end that transaction from its application', a.pid) AS release
      FROM pg_stat_activity a
     WHERE a.pid <> pg_backend_pid()
       AND a.datname = current_database()
       AND a.xact_start IS NOT NULL
       AND (a.backend_xid IS NOT NULL OR a.backend_xmin IS NOT NULL)
       AND a.backend_type <> 'autovacuum worker'
       AND a.pid NOT IN (SELECT pid FROM pg_stat_progress_vacuum)
    UNION ALL
    SELECT 'prepared transaction', format('prepared transaction %L (owner %s)', p.gid, p.owner), p.prepared,
           age(p.transaction)::bigint,
           format('ROLLBACK PREPARED %L;  -- or COMMIT PREPARED %L, whichever its application meant to do', p.gid, p.gid)
      FROM pg_prepared_xacts p
     WHERE p.database = current_database()
    UNION ALL
    SELECT 'replication slot', format('inactive replication slot %L', s.slot_name), NULL,
           age(s.xmin)::bigint,
           format('SELECT pg_drop_replication_slot(%L);  -- once no standby needs it', s.slot_name)
      FROM pg_replication_slots s
     WHERE NOT s.active AND s.xmin IS NOT NULL
)
SELECT kind                                        AS horizon_holder_kind,
       holder                                      AS horizon_holder,
       since                                       AS horizon_holder_since,
       extract(epoch FROM now() - since)::float8   AS horizon_holder_seconds,
       xmin_age                                    AS horizon_holder_xmin_age,
       release                                     AS horizon_release
  FROM holders
 ORDER BY xmin_age DESC NULLS LAST
 LIMIT 1
