-- What holds the xmin horizon back: the oldest running transaction (not this session), prepared
-- transactions and replication slots, with a statement that would release each.
WITH oldest_xact AS (
    SELECT pid, usename, application_name, state, xact_start,
           greatest(age(backend_xid), age(backend_xmin))::bigint AS xact_age
      FROM pg_stat_activity
     WHERE pid <> pg_backend_pid()
       AND (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL)
     ORDER BY xact_age DESC NULLS LAST
     LIMIT 1
), prepared AS (
    SELECT gid, age(transaction)::bigint AS xact_age FROM pg_prepared_xacts
), slots AS (
    SELECT slot_name, greatest(age(xmin), age(catalog_xmin))::bigint AS xmin_age
      FROM pg_replication_slots
     WHERE xmin IS NOT NULL OR catalog_xmin IS NOT NULL
), releases AS (
    SELECT format('SELECT pg_terminate_backend(%s);  -- %s, %s, transaction age %s',
                  pid, coalesce(usename, '?'), coalesce(nullif(application_name, ''), 'no application_name'), xact_age) AS statement,
           xact_age AS age
      FROM oldest_xact
    UNION ALL
    SELECT format('ROLLBACK PREPARED %L;  -- or COMMIT PREPARED, age %s', gid, xact_age), xact_age FROM prepared
    UNION ALL
    SELECT format('SELECT pg_drop_replication_slot(%L);  -- xmin age %s', slot_name, xmin_age), xmin_age FROM slots
)
SELECT (SELECT pid FROM oldest_xact)                                         AS oldest_xact_pid,
       (SELECT xact_age FROM oldest_xact)                                    AS oldest_xact_age,
       (SELECT usename::text FROM oldest_xact)                               AS oldest_xact_user,
       (SELECT application_name FROM oldest_xact)                            AS oldest_xact_application,
       (SELECT state FROM oldest_xact)                                       AS oldest_xact_state,
       (SELECT xact_start FROM oldest_xact)                                  AS oldest_xact_start,
       (SELECT count(*) FROM prepared)                                       AS prepared_xacts,
       (SELECT gid FROM prepared ORDER BY xact_age DESC LIMIT 1)             AS oldest_prepared_gid,
       (SELECT max(xact_age) FROM prepared)                                  AS oldest_prepared_age,
       (SELECT slot_name::text FROM slots ORDER BY xmin_age DESC LIMIT 1)    AS oldest_slot_name,
       (SELECT max(xmin_age) FROM slots)                                     AS oldest_slot_xmin_age,
       coalesce((SELECT string_agg(statement, E'\n' ORDER BY age DESC) FROM releases), '') AS release_statements
