-- Whether autovacuum can get to tables now, as one row: how often the launcher visits each database
-- (autovacuum_naptime: one worker per database per naptime, while a worker slot is free), how many of
-- autovacuum_max_workers are busy and since when, and the oldest snapshot vacuum must keep dead rows for
-- in this database (the xmin horizon) with what holds it. Vacuum's own snapshot holds nobody's horizon,
-- so autovacuum workers and running VACUUMs are no holders; nor are active replication slots and
-- walsenders, whose xmin moves on with their standby. Backends and prepared transactions of other
-- databases do not hold this database's tables back; a replication slot holds every database.
WITH workers AS (
    SELECT count(*)::int AS busy, max(backend_start) AS youngest_start
      FROM pg_stat_activity
     WHERE backend_type = 'autovacuum worker'
), holders AS (
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
), oldest AS (
    SELECT * FROM holders ORDER BY xmin_age DESC NULLS LAST LIMIT 1
)
SELECT now()                                                                AS checked_at,
       (SELECT setting::bigint FROM pg_settings WHERE name = 'autovacuum_naptime') AS naptime_seconds,
       current_setting('autovacuum_max_workers')::int                       AS max_workers,
       w.busy                                                               AS busy_workers,
       w.youngest_start                                                     AS youngest_worker_start,
       extract(epoch FROM now() - w.youngest_start)::float8                 AS youngest_worker_seconds,
       o.kind                                                               AS horizon_holder_kind,
       o.holder                                                             AS horizon_holder,
       o.since                                                              AS horizon_holder_since,
       extract(epoch FROM now() - o.since)::float8                          AS horizon_holder_seconds,
       o.xmin_age                                                           AS horizon_holder_xmin_age,
       o.release                                                            AS horizon_release
  FROM workers w
  LEFT JOIN oldest o ON true
