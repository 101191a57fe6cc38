-- Whether pg_stat_statements can answer in the connected database: the library loaded at server start
-- (its settings exist only then) and the extension created here, with the list of libraries to preload
-- instead: today's plus pg_stat_statements, one quoted string per library, as a list setting takes them
-- (server_settings says where the setting comes from, how a change applies and how to restore it).
WITH preload AS (
    -- current_setting() fails without pg_read_all_settings, where pg_settings would just hide the row.
    SELECT current_setting('shared_preload_libraries') AS value, coalesce(s.pending_restart, false) AS pending_restart
      FROM (SELECT 1) one LEFT JOIN pg_settings s ON s.name = 'shared_preload_libraries'
), libraries AS (
    SELECT array_remove(array_agg(btrim(lib, ' "')), '') AS names
      FROM preload, unnest(string_to_array(preload.value, ',')) lib
), extension AS (
    SELECT e.extversion, n.nspname::text AS schema_name
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_stat_statements'
)
SELECT coalesce(host(inet_server_addr()) || ':' || inet_server_port(), 'local server')    AS server_name,
       current_database()::text                                                             AS database_name,
       p.value                                                                              AS shared_preload_libraries,
       'pg_stat_statements' = ANY (coalesce(l.names, '{}'))                                  AS preloaded,
       EXISTS (SELECT 1 FROM pg_settings WHERE name = 'pg_stat_statements.max')             AS loaded,
       p.pending_restart                                                                    AS preload_pending_restart,
       (SELECT count(*) > 0 FROM extension)                                                 AS created,
       (SELECT extversion FROM extension)                                                   AS extension_version,
       (SELECT schema_name FROM extension)                                                  AS extension_schema,
       -- Unqualified, as statement_latency.sql reads it: created in a schema off the search_path is not readable.
       to_regclass('pg_stat_statements') IS NOT NULL                                        AS visible,
       -- The columns this major's statement_latency variant reads: pg_stat_statements_info from 1.9 (14),
       -- stats_since from 1.11 (17). An extension not updated after pg_upgrade lacks them.
       (SELECT string_to_array(extversion, '.')::int[]
               < CASE WHEN current_setting('server_version_num')::int >= 170000 THEN '{1,11}'::int[]
                      WHEN current_setting('server_version_num')::int >= 140000 THEN '{1,9}'::int[]
                      ELSE '{1,8}'::int[] END
          FROM extension)                                                                   AS outdated,
       (SELECT string_agg(quote_literal(lib), ', ')
          FROM unnest(array_append(array_remove(coalesce(l.names, '{}'), 'pg_stat_statements'), 'pg_stat_statements')) lib)
                                                                                             AS proposed_libraries
  FROM preload p, libraries l
