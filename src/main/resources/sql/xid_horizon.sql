-- What holds each database's xmin horizon back, so that a freeze cannot advance its datfrozenxid past
-- it: backends with a snapshot or transaction ID in that database, its prepared transactions, and,
-- for every database, replication slots and standbys' hot_standby_feedback (pg_stat_replication).
-- A backend in another database does not hold this one's tables back (PostgreSQL computes the data
-- horizon per database), and neither do vacuums (the horizon skips them), nor this session.
--
-- A freeze brings a database's age down to about its oldest holder's age at best. A holder is named,
-- with the statement that would release it, only when it is a material share of the database's age:
-- at least :holder_share of it, or older than :warn_age (then the freeze could not even clear the
-- warning). A younger holder is no reason to end anyone's work: the freeze can proceed. When both bounds
-- are NULL every holder is named.
WITH vacuums AS (
    SELECT pid FROM pg_stat_progress_vacuum
), holders AS (
    SELECT a.datid AS database_oid,
           greatest(age(a.backend_xid), age(a.backend_xmin))::bigint AS age,
           format('backend %s (%s of %s, %s)', a.pid, a.backend_type, coalesce(a.usename::text, '?'),
                  coalesce(nullif(a.application_name, ''), 'no application_name')) AS holder,
           format('SELECT pg_terminate_backend(%s);  -- %s of %s, %s, %s since %s, transaction age %s',
                  a.pid, a.backend_type, coalesce(a.usename::text, '?'),
                  coalesce(nullif(a.application_name, ''), 'no application_name'), coalesce(a.state, 'no state'),
                  coalesce(a.xact_start::text, a.backend_start::text), greatest(age(a.backend_xid), age(a.backend_xmin))) AS release
      FROM pg_stat_activity a
     WHERE a.pid <> pg_backend_pid()
       AND a.backend_type NOT IN ('walsender', 'autovacuum worker')
       AND a.pid NOT IN (SELECT pid FROM vacuums)
       AND (a.backend_xid IS NOT NULL OR a.backend_xmin IS NOT NULL)
    UNION ALL
    SELECT d.oid, age(p.transaction)::bigint, format('prepared transaction %L', p.gid),
           format('ROLLBACK PREPARED %L;  -- or COMMIT PREPARED, prepared by %s at %s, age %s',
                  p.gid, p.owner, p.prepared, age(p.transaction))
      FROM pg_prepared_xacts p
      JOIN pg_database d ON d.datname = p.database
    UNION ALL
    SELECT NULL, greatest(age(s.xmin), age(s.catalog_xmin))::bigint, format('replication slot %L', s.slot_name),
           format('SELECT pg_drop_replication_slot(%L);  -- %s slot%s, xmin age %s; drop it only if its consumer is gone for good',
                  s.slot_name, s.slot_type,
                  CASE WHEN s.active THEN format(' in use by process %s (stop its consumer first)', s.active_pid) ELSE ', inactive' END,
                  greatest(age(s.xmin), age(s.catalog_xmin)))
      FROM pg_replication_slots s
     WHERE s.xmin IS NOT NULL OR s.catalog_xmin IS NOT NULL
    UNION ALL
    SELECT NULL, age(r.backend_xmin)::bigint, format('standby %L', r.application_name),
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
      JOIN holders h ON h.database_oid IS NULL OR h.database_oid = d.oid
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
