-- Every place a setting is given a value that a new server or pg_upgrade carries over, and every setting the
-- server runs at its built-in default, for upgrade-changed-defaults. Server-wide values come from pg_settings
-- (sourcefile and sourceline need pg_read_all_settings, which pg_monitor has); database and role values from
-- pg_db_role_setting, for every database and role of the cluster, since pg_upgrade restores them all.
-- pg_file_settings would also show lines hidden under a value of a higher level, but only superusers may read
-- it: a finding gives its query instead.
--   remove_statement  takes the value away where it is set
--   restore_statement sets it back there
--   set_command       sets another setting at the same level, followed by "name = value"
WITH server_level AS (
    SELECT s.name, s.context,
           CASE WHEN s.source = 'default' THEN 'default'
                WHEN s.sourcefile LIKE '%postgresql.auto.conf' THEN 'ALTER SYSTEM'
                WHEN s.source = 'configuration file' THEN 'configuration file'
                ELSE 'command line' END AS level,
           NULL::text AS database_name, NULL::text AS role_name,
           -- The value in force, in the unit it is written with (8kB pages as kB).
           CASE WHEN s.unit ~ '^[0-9]' THEN (s.setting::numeric * substring(s.unit FROM '^[0-9]+')::numeric)::text
                                             || substring(s.unit FROM '[A-Za-z]+$')
                WHEN s.unit IS NOT NULL THEN s.setting || s.unit
                ELSE s.setting END AS value,
           s.sourcefile, s.sourceline,
           CASE WHEN s.context = 'postmaster' THEN '-- then restart the server' ELSE 'SELECT pg_reload_conf();' END AS apply
      FROM pg_settings s
     WHERE s.source IN ('default', 'configuration file', 'command line', 'environment variable')
), entries AS (
    SELECT lower(split_part(c, '=', 1)) AS name, substr(c, strpos(c, '=') + 1) AS value,
           d.datname::text AS database_name, r.rolname::text AS role_name
      FROM pg_db_role_setting e
      LEFT JOIN pg_database d ON d.oid = e.setdatabase
      LEFT JOIN pg_roles r    ON r.oid = e.setrole
     CROSS JOIN LATERAL unnest(e.setconfig) AS c
), entry_level AS (
    SELECT e.name, s.context,
           CASE WHEN e.role_name IS NULL THEN 'database' WHEN e.database_name IS NULL THEN 'role' ELSE 'role in database' END AS level,
           e.database_name, e.role_name, e.value, NULL::text AS sourcefile, NULL::integer AS sourceline, ''::text AS apply
      FROM entries e
      LEFT JOIN pg_settings s ON s.name = e.name
), places AS (
    SELECT * FROM server_level UNION ALL SELECT * FROM entry_level
), commands AS (
    SELECT p.*,
           CASE p.level
                WHEN 'database' THEN format('ALTER DATABASE %I', p.database_name)
                WHEN 'role' THEN format('ALTER ROLE %I', p.role_name)
                WHEN 'role in database' THEN format('ALTER ROLE %I IN DATABASE %I', p.role_name, p.database_name)
                WHEN 'ALTER SYSTEM' THEN 'ALTER SYSTEM'
           END AS alter_command
      FROM places p
)
SELECT c.name, c.level, c.database_name, c.role_name, c.value, c.context,
       CASE c.level
            WHEN 'configuration file' THEN format('%s line %s', c.sourcefile, c.sourceline)
            WHEN 'command line' THEN 'the server''s start options'
            WHEN 'database' THEN format('database %I', c.database_name)
            WHEN 'role' THEN format('role %I', c.role_name)
            WHEN 'role in database' THEN format('role %I in database %I', c.role_name, c.database_name)
            ELSE c.level
       END AS location,
       CASE WHEN c.alter_command IS NOT NULL THEN rtrim(format('%s RESET %s; %s', c.alter_command, c.name, c.apply))
            WHEN c.level = 'configuration file'
            THEN format('-- delete the line setting %s in %s (line %s), then: %s', c.name, c.sourcefile, c.sourceline, c.apply)
            WHEN c.level = 'command line' THEN format('-- remove %s from the server''s start options (-c %s=...)', c.name, c.name)
       END AS remove_statement,
       CASE WHEN c.alter_command IS NOT NULL THEN rtrim(format('%s SET %s = %L; %s', c.alter_command, c.name, c.value, c.apply))
            WHEN c.level = 'configuration file' THEN format('-- write the line again in %s: %s = %L', c.sourcefile, c.name, c.value)
            WHEN c.level = 'command line' THEN format('-- give the start option again: -c %s=%s', c.name, c.value)
       END AS restore_statement,
       CASE WHEN c.alter_command IS NOT NULL THEN c.alter_command || ' SET'
            WHEN c.level = 'configuration file' THEN format('-- in %s:', c.sourcefile)
            WHEN c.level = 'command line' THEN '-- in the server''s start options, -c'
       END AS set_command,
       c.apply AS apply_statement
  FROM commands c
 ORDER BY c.name, c.level, c.database_name, c.role_name
