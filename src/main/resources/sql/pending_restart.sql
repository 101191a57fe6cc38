-- Settings changed in a configuration file whose new value waits for a restart (pg_settings.pending_restart).
-- The server keeps running with the old value; the next restart, planned or not, switches to the new
-- one, and a pg_upgrade starts the new cluster with whatever the files say. The pending value itself
-- is in pg_file_settings, which only superusers may read, so it is not fetched here.
-- running_value is current_setting(), the form ALTER SYSTEM accepts (setting is in units of unit, e.g. 8kB).
-- restore_statement pins the running value in postgresql.auto.conf, which wins over postgresql.conf,
-- so the restart keeps today's value whichever file holds the change.
SELECT s.name,
       current_setting(s.name)                                              AS running_value,
       s.setting,
       s.unit,
       s.context,
       s.source                                                             AS running_source,
       s.sourcefile                                                         AS running_sourcefile,
       s.sourceline                                                         AS running_sourceline,
       format('SELECT name, setting, sourcefile, sourceline, applied, error FROM pg_file_settings WHERE name = %L;',
              s.name)                                                       AS pending_value_query,
       format('ALTER SYSTEM SET %I = %L; SELECT pg_reload_conf();', s.name, current_setting(s.name))
                                                                            AS restore_statement
  FROM pg_settings s
 WHERE s.pending_restart
   -- The server raises the flag whenever a file holds another value, even for a setting given on the
   -- postmaster's command line (pg_ctl -o, a service unit), which outranks the files at the next start
   -- too: nothing changes there, so it is not reported.
   AND s.source <> 'command line'
 ORDER BY s.name
