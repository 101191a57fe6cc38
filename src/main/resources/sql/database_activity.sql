-- Per database, what its statistics window says about temporary files and the buffer cache, with the
-- work_mem its sessions get (the database's own setting, else the server's) and the statements that
-- raise it for that database and put it back.
-- The window starts at the database's stats_reset. From PostgreSQL 15 that is NULL until someone resets
-- the database's counters: they then run since the cluster's statistics began (initdb, or statistics
-- discarded after a crash or immediate shutdown), which the cluster-wide counters record as their own
-- stats_reset. The earliest of those is taken; a database created later is judged over a longer window
-- than it had, so its rate can only come out lower, never higher. Before 15 every database row has a
-- stats_reset of its own.
WITH cluster_stats AS (
    SELECT coalesce(least((SELECT stats_reset FROM pg_stat_archiver), (SELECT stats_reset FROM pg_stat_bgwriter)),
                    pg_postmaster_start_time()) AS began
), server_work_mem AS (
    -- The server-wide value, unless this session's own value came from a role or database setting.
    SELECT CASE WHEN source IN ('default', 'configuration file', 'command line', 'environment variable')
                THEN current_setting('work_mem') END AS value
      FROM pg_settings WHERE name = 'work_mem'
), databases AS (
    SELECT d.datname::text AS database_name, d.temp_files, d.temp_bytes, d.blks_read, d.blks_hit,
           d.stats_reset,
           coalesce(d.stats_reset, cs.began)                                                   AS window_start,
           extract(epoch FROM now() - coalesce(d.stats_reset, cs.began))::float8 / 3600         AS window_hours,
           (SELECT substr(cfg, length('work_mem=') + 1)
              FROM pg_db_role_setting s, unnest(s.setconfig) cfg
             WHERE s.setdatabase = d.datid AND s.setrole = 0 AND cfg LIKE 'work_mem=%')          AS database_work_mem
      FROM pg_stat_database d, cluster_stats cs
     WHERE d.datname IS NOT NULL
       -- No workload runs in a template: its reads are CREATE DATABASE copying it block by block (15+).
       AND NOT EXISTS (SELECT 1 FROM pg_database t WHERE t.oid = d.datid AND t.datistemplate)
), sized AS (
    SELECT db.*, coalesce(db.database_work_mem, w.value) AS work_mem,
           -- A bare number in a database setting is in kB, work_mem's unit.
           CASE WHEN coalesce(db.database_work_mem, w.value) ~ '^[0-9]+$'
                THEN coalesce(db.database_work_mem, w.value)::bigint * 1024
                ELSE pg_size_bytes(coalesce(db.database_work_mem, w.value)) END AS work_mem_bytes
      FROM databases db, server_work_mem w
)
SELECT database_name, temp_files, temp_bytes, blks_read, blks_hit, blks_read + blks_hit AS block_accesses,
       CASE WHEN blks_read + blks_hit > 0 THEN round(blks_hit::numeric / (blks_read + blks_hit), 4)::float8 ELSE 1 END AS hit_ratio,
       stats_reset, window_start, window_hours,
       temp_bytes / greatest(window_hours, 1.0 / 3600)                                     AS temp_bytes_per_hour,
       pg_size_pretty((temp_bytes / greatest(window_hours, 1.0 / 3600))::bigint)            AS temp_per_hour,
       CASE WHEN temp_files > 0 THEN pg_size_pretty(temp_bytes / temp_files) ELSE '0 bytes' END AS mean_temp_file,
       coalesce(work_mem, 'unknown (set for this role or database)')                         AS work_mem,
       CASE WHEN database_work_mem IS NULL THEN 'server' ELSE 'database' END                 AS work_mem_level,
       -- Twice today's value, or the mean temporary file if larger, up to 256MB: each sort or hash of each
       -- backend may take that much memory.
       format('ALTER DATABASE %I SET work_mem = %L;', database_name,
              ceil(greatest(2 * coalesce(work_mem_bytes, 4194304),
                            least(temp_bytes / greatest(temp_files, 1), 268435456)) / 1048576.0)::bigint || 'MB')
                                                                                             AS work_mem_remediation,
       CASE WHEN database_work_mem IS NULL THEN format('ALTER DATABASE %I RESET work_mem;', database_name)
            ELSE format('ALTER DATABASE %I SET work_mem = %L;', database_name, database_work_mem) END
                                                                                             AS work_mem_rollback,
       current_setting('shared_buffers')                                                    AS shared_buffers
  FROM sized
 ORDER BY database_name
