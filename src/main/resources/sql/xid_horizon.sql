-- What holds the databases' xmin horizon back, so that a freeze cannot advance datfrozenxid past it:
-- backends with a snapshot or transaction ID, prepared transactions, replication slots, and standbys'
-- hot_standby_feedback (pg_stat_replication.backend_xmin). Each holds every database: a backend of one
-- database does not keep another's own tables from freezing, but datfrozenxid counts the shared
-- catalogs too, whose horizon is the whole cluster's. Vacuums do not hold it (the horizon skips them),
-- and neither does this session.
--
-- A freeze brings a database's age down to about its oldest holder's age at best. A holder is named,
-- with the statement that would release it, only when it is a material share of the database's age:
-- at least :holder_share of it, or older than :warn_age (then the freeze could not even clear the
-- warning). A younger holder is no reason to end anyone's work: the freeze can proceed. When both bounds
-- are NULL every holder is named.
WITH vacuums AS (
    SELECT pid FROM pg_stat_progress_vacuum
), holders AS (
    SELECT greatest(age(a.backend_xid), age(a.backend_xmin))::bigint AS age,
           format('backend %s (%s of %s in database %s, %s)', a.pid, a.backend_type, coalesce(a.usename::text, '?'),
                  coalesce(a.datname::text, '-'), coalesce(nullif(a.application_name, ''), 'no application_name')) AS holder,
           format('SELECT pg_terminate_backend(%s);  -- %s of %s in database %s, %s, %s since %s, transaction age %s',
                  a.pid, a.backend_type, coalesce(a.usename::text, '?'), coalesce(a.datname::text, '-'),
                  coalesce(nullif(a.application_name, ''), 'no application_name'), coalesce(a.state, 'no state'),
                  coalesce(a.xact_start::text, a.backend_start::text), greatest(age(a.backend_xid), age(a.backend_xmin))) AS release
      FROM pg_stat_activity a
     WHERE a.pid <> pg_backend_pid()
       AND a.backend_type NOT IN ('walsender', 'autovacuum worker')
       AND a.pid NOT IN (SELECT pid FROM vacuums)
       AND (a.backend_xid IS NOT NULL OR a.backend_xmin IS NOT NULL)
    UNION ALL
    SELECT age(p.transaction)::bigint, format('prepared transaction %L in database %s', p.gid, p.database),
           format('ROLLBACK PREPARED %L;  -- in database %s (connect there), or COMMIT PREPARED; prepared by %s at %s, age %s',
                  p.gid, p.database, p.owner, p.prepared, age(p.transaction))
      FROM pg_prepared_xacts p
    UNION ALL
    SELECT greatest(age(s.xmin), age(s.catalog_xmin))::bigint, format('replication slot %L', s.slot_name),
           format('SELECT pg_drop_replication_slot(%L);  -- %s slot%s, xmin age %s; drop it only if its consumer is gone for good',
                  s.slot_name, s.slot_type,
                  CASE WHEN s.active THEN format(' in use by process %s (stop its consumer first)', s.active_pid) ELSE ', inactive' END,
                  greatest(age(s.xmin), age(s.catalog_xmin)))
      FROM pg_replication_slots s
     WHERE s.xmin IS NOT NULL OR s.catalog_xmin IS NOT NULL
    UNION ALL
    SELECT age(r.backend_xmin)::bigint, format('standby %L', r.application_name),
           format('-- standby %s (%s) feeds back xmin age %s through hot_standby_feedback: end its long-running queries there, or set hot_standby_feedback = off on it (takes effect on reload: SELECT pg_reload_conf())',
                  coalesce(nullif(r.application_name, ''), 'without application_name'),
                  coalesce(host(r.client_addr), 'local'), age(r.backend_xmin))
      FROM pg_stat_replication r
     WHERE r.backend_xmin IS NOT NULL
), judged AS (
    SELECT d.datname, age(d.datfrozenxid)::bigint AS database_age, h.holder, h.age, h.release,
           (num_nonnulls(:holder_share::float8, :warn_age::bigint) = 0
            OR h.age >= :holder_share::float8 * age(d.datfrozenxid)
            OR h.age > :warn_age::bigint) AS named
      FROM pg_database d
     CROSS JOIN holders h
), per_database AS (
    SELECT d.datname::text                                                              AS database_name,
           age(d.datfrozenxid)::bigint                                                  AS database_age,
           (SELECT count(*) FROM judged j WHERE j.datname = d.datname AND j.named)      AS holders_named,
           (SELECT j.holder FROM judged j WHERE j.datname = d.datname ORDER BY j.age DESC LIMIT 1) AS oldest_holder,
           (SELECT max(j.age) FROM judged j WHERE j.datname = d.datname)               AS oldest_holder_age,
           coalesce((SELECT string_agg(j.release, E'\n' ORDER BY j.age DESC)
                       FROM judged j WHERE j.datname = d.datname AND j.named), '')        AS release_statements
      FROM pg_database d
)
SELECT p.database_name, p.database_age, p.holders_named, p.oldest_holder, p.oldest_holder_age, p.release_statements,
       CASE WHEN p.holders_named > 0
              THEN 'First end what holds the horizon back, or the freeze cannot advance past it:' || E'\n' || p.release_statements
            WHEN p.oldest_holder IS NOT NULL
              THEN format('Nothing holds the horizon back: the oldest holder, %s, is %s transactions old, too young to matter against the database''s age of %s; the freeze can proceed.',
                          p.oldest_holder, p.oldest_holder_age, p.database_age)
            ELSE 'Nothing holds the horizon back (no open transaction, prepared transaction, slot or standby feedback): the freeze can proceed.'
       END AS horizon_advice
  FROM per_database p
 ORDER BY p.database_name
