-- Every setting of the connected database: the value its new sessions get, the level that value comes
-- from, and how a check's remediation changes it and undoes the change. One row per setting for the
-- database as a whole (role NULL), plus one per login role whose own ALTER ROLE ... SET applies in this
-- database. pg_settings and pg_db_role_setting are readable by every role (pg_monitor's
-- pg_read_all_settings adds sourcefile, which tells ALTER SYSTEM from postgresql.conf).
--
-- This session's own pg_settings row cannot say what other sessions get when this session's role or its
-- client set the value itself (source user, database user, client): the database's entry in
-- pg_db_role_setting still does, and without one the level is 'unknown' (value NULL). What this session
-- SET itself (source session) is read from reset_val: level 'default', or 'server configuration' (the
-- configuration file, ALTER SYSTEM or the command line: the SET hides which).
-- Values are quoted with %L, roles and databases with %I. Setting names come from pg_settings and are
-- written as they are: %I would quote a custom name such as pg_stat_statements.max into one identifier.
-- The list settings pg_dump treats apart (GUC_LIST_QUOTE) are stored as identifier lists ("$user",
-- public) and written as they are, since %L would make the whole list one element.
WITH entries AS (
    SELECT s.setrole, s.setdatabase,
           lower(split_part(c, '=', 1))         AS name,
           substr(c, strpos(c, '=') + 1)        AS value
      FROM pg_db_role_setting s
     CROSS JOIN LATERAL unnest(s.setconfig) AS c
     WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
), database_level AS (
    SELECT name, value FROM entries WHERE setrole = 0
), role_level AS (
    -- A role's own value: ALTER ROLE ... IN DATABASE wins over ALTER ROLE ... SET.
    SELECT DISTINCT ON (e.name, r.rolname)
           e.name, r.rolname::text AS role, e.value,
           CASE WHEN e.setdatabase = 0 THEN 'role' ELSE 'role in database' END AS level
      FROM entries e
      JOIN pg_roles r ON r.oid = e.setrole AND r.rolcanlogin
     ORDER BY e.name, r.rolname, e.setdatabase DESC
), database_rows AS (
    SELECT p.name, NULL::text AS role, p.setting, p.unit, p.source, p.context,
           CASE WHEN d.name IS NOT NULL THEN d.value
                WHEN p.server_reset THEN CASE WHEN p.unit IN ('ms', 's', 'min', 'kB', 'MB') THEN p.reset_val || p.unit
                                              ELSE p.reset_val END
                WHEN p.source IN ('user', 'database user', 'client', 'session') THEN NULL
                ELSE current_setting(p.name) END AS value,
           CASE WHEN d.name IS NOT NULL THEN 'database'
                WHEN p.server_reset AND p.reset_val = p.boot_val THEN 'default'
                WHEN p.server_reset THEN 'server configuration'
                WHEN p.source IN ('user', 'database user', 'client', 'session') THEN 'unknown'
                WHEN p.source = 'configuration file' AND p.sourcefile LIKE '%postgresql.auto.conf' THEN 'ALTER SYSTEM'
                WHEN p.source = 'configuration file' THEN 'configuration file'
                WHEN p.source IN ('command line', 'environment variable', 'override') THEN 'command line'
                ELSE 'default' END AS level,
           coalesce((SELECT string_agg(format('%s=%s', r.role, r.value), ', ' ORDER BY r.role)
                       FROM role_level r WHERE r.name = lower(p.name)), 'none') AS role_overrides
      FROM (SELECT ps.*,
                   -- Set by this session itself (pgwarden's own statement_timeout, lock_timeout, jit): what
                   -- RESET would restore is what new sessions get, unless this role has its own value.
                   ps.source = 'session' AND NOT EXISTS (SELECT 1 FROM role_level r
                                                          WHERE r.name = lower(ps.name) AND r.role = current_user)
                       AS server_reset
              FROM pg_settings ps) p
      LEFT JOIN database_level d ON d.name = lower(p.name)
), role_rows AS (
    -- setting (the raw value) is unknown here; source is what the role's own sessions show.
    SELECT p.name, r.role, NULL::text AS setting, p.unit,
           CASE r.level WHEN 'role' THEN 'user' ELSE 'database user' END AS source,
           p.context, r.value, r.level,
           coalesce((SELECT string_agg(format('%s=%s', o.role, o.value), ', ' ORDER BY o.role)
                       FROM role_level o WHERE o.name = r.name AND o.role <> r.role), 'none') AS role_overrides
      FROM role_level r
      JOIN pg_settings p ON lower(p.name) = r.name
), settings AS (
    SELECT * FROM database_rows UNION ALL SELECT * FROM role_rows
), targets AS (
    -- Where a change goes: a role's own level for a role row; the database for settings a session may
    -- take from it; ALTER SYSTEM for what is server-wide (reload or restart) and for settings fixed at
    -- session start (backend, superuser-backend), which ALTER DATABASE and ALTER ROLE refuse.
    SELECT s.*,
           CASE WHEN s.context = 'internal' THEN NULL
                WHEN s.context IN ('postmaster', 'sighup', 'backend', 'superuser-backend') THEN 'ALTER SYSTEM'
                WHEN s.role IS NOT NULL THEN s.level
                ELSE 'database' END AS change_level,
           s.name IN ('local_preload_libraries', 'search_path', 'session_preload_libraries',
                      'shared_preload_libraries', 'temp_tablespaces', 'unix_socket_directories') AS list_valued
      FROM settings s
), literals AS (
    SELECT t.*,
           CASE WHEN NOT t.list_valued THEN quote_literal(t.value)
                WHEN t.value = '' OR t.value = '""' THEN ''''''
                ELSE t.value END AS value_literal
      FROM targets t
)
SELECT t.name, t.role, current_database()::text AS database_name,
       t.value, t.setting, t.unit, t.source, t.context, t.level, t.change_level, t.role_overrides, t.list_valued,
       CASE t.change_level
            WHEN 'role in database' THEN format('ALTER ROLE %I IN DATABASE %I SET %s', t.role, current_database(), t.name)
            WHEN 'role' THEN format('ALTER ROLE %I SET %s', t.role, t.name)
            WHEN 'database' THEN format('ALTER DATABASE %I SET %s', current_database(), t.name)
            WHEN 'ALTER SYSTEM' THEN format('ALTER SYSTEM SET %s', t.name)
       END AS change_command,
       CASE WHEN t.change_level = 'ALTER SYSTEM' AND t.context <> 'postmaster' THEN 'SELECT pg_reload_conf();'
            ELSE '' END AS apply_statement,
       CASE
            WHEN t.change_level IS NULL THEN format('-- %s cannot be changed: nothing to restore', t.name)
            WHEN t.change_level = 'role in database' THEN format('ALTER ROLE %I IN DATABASE %I SET %s = %s;', t.role, current_database(), t.name, t.value_literal)
            WHEN t.change_level = 'role' THEN format('ALTER ROLE %I SET %s = %s;', t.role, t.name, t.value_literal)
            WHEN t.level = 'database' THEN format('ALTER DATABASE %I SET %s = %s;', current_database(), t.name, t.value_literal)
            WHEN t.change_level = 'database' THEN format('ALTER DATABASE %I RESET %s;', current_database(), t.name)
            WHEN t.level = 'command line' THEN format('-- %s is set on the server''s command line, which outranks ALTER SYSTEM: nothing to restore', t.name)
            WHEN t.level = 'ALTER SYSTEM' THEN format('ALTER SYSTEM SET %s = %s; %s', t.name, t.value_literal,
                      CASE WHEN t.context = 'postmaster' THEN '-- then restart the server' ELSE 'SELECT pg_reload_conf();' END)
            ELSE format('ALTER SYSTEM RESET %s; %s', t.name,
                      CASE WHEN t.context = 'postmaster' THEN '-- then restart the server' ELSE 'SELECT pg_reload_conf();' END)
       END AS restore_statement,
       CASE
            WHEN t.change_level IS NULL THEN 'cannot be changed: it is fixed when the server is built or initialized'
            WHEN t.change_level = 'ALTER SYSTEM' AND t.level = 'command line'
              THEN 'is set on the server''s command line, which outranks ALTER SYSTEM: change the server''s start options'
                   || CASE WHEN t.context = 'postmaster' THEN '; a restart of the server applies them' ELSE ' and reload' END
            WHEN t.context = 'postmaster' THEN 'needs a restart of the server (context postmaster): book a change window'
            WHEN t.context = 'sighup' THEN 'takes effect on reload (SELECT pg_reload_conf()), without a restart'
            WHEN t.context IN ('backend', 'superuser-backend') THEN 'takes effect in sessions started after a reload (SELECT pg_reload_conf()), without a restart; sessions already connected keep their value'
            WHEN t.change_level = 'database' THEN format('takes effect in new sessions of database %I, without a reload or restart; sessions already connected keep their value', current_database())
            WHEN t.change_level = 'role' THEN format('takes effect in new sessions of role %I, without a reload or restart; sessions already connected keep their value', t.role)
            ELSE format('takes effect in new sessions of role %I in database %I, without a reload or restart; sessions already connected keep their value', t.role, current_database())
       END AS takes_effect
  FROM literals t
 ORDER BY t.name, t.role NULLS FIRST
