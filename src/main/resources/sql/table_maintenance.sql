-- Vacuum and analyze state of the user tables that could fail a check, with autovacuum's own triggers
-- per table: threshold + scale_factor * reltuples, where the table's reloptions override the server
-- settings. Candidates are tables with at least :min_dead_tuples dead tuples or inserts since vacuum, or
-- at least :min_rows rows (either bound may be NULL: no such bound; both NULL: every table). Only the
-- candidates pay for the rest: the other counters, reloptions and rollback text. Whether a table without
-- analyze timestamps has planner statistics is NULL here, for planner_statistics.sql to tell.
-- A session holding a lock that keeps autovacuum from a table is another fact (table_lock_holders), read
-- only when a rule finds a table behind: planning pg_locks and pg_stat_activity here cost every run.
-- From PostgreSQL 18 the vacuum trigger is capped by autovacuum_vacuum_max_threshold (-1 disables the
-- cap); before 18 the setting does not exist, current_setting(..., true) is NULL and there is no cap.
WITH settings AS (
    SELECT current_setting('autovacuum')::boolean                                AS autovacuum_on,
           current_setting('autovacuum_vacuum_threshold')::float8                AS vacuum_threshold,
           current_setting('autovacuum_vacuum_scale_factor')::float8             AS vacuum_scale_factor,
           coalesce(current_setting('autovacuum_vacuum_max_threshold', true)::float8, -1) AS vacuum_max_threshold,
           current_setting('autovacuum_vacuum_insert_threshold')::float8         AS insert_threshold,
           current_setting('autovacuum_vacuum_insert_scale_factor')::float8      AS insert_scale_factor,
           current_setting('autovacuum_analyze_threshold')::float8               AS analyze_threshold,
           current_setting('autovacuum_analyze_scale_factor')::float8            AS analyze_scale_factor
), tables AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind, c.reloptions, c.reltuples AS own_reltuples,
           CASE WHEN c.relkind = 'p'
                THEN (SELECT coalesce(sum(greatest(leaf.reltuples, 0)), 0)
                        FROM pg_partition_tree(c.oid) tree
                        JOIN pg_class leaf ON leaf.oid = tree.relid
                       WHERE tree.isleaf)
                ELSE greatest(c.reltuples, 0)::float8 END AS reltuples,
           -- The statistics functions themselves, not pg_stat_user_tables: the view computes every
           -- counter of every table and sums index scans per table, which costs more than all the rest.
           pg_stat_get_live_tuples(c.oid)           AS n_live_tup,
           pg_stat_get_dead_tuples(c.oid)           AS n_dead_tup,
           pg_stat_get_mod_since_analyze(c.oid)     AS n_mod_since_analyze,
           pg_stat_get_ins_since_vacuum(c.oid)      AS n_ins_since_vacuum,
           pg_stat_get_last_vacuum_time(c.oid)      AS last_vacuum,
           pg_stat_get_last_autovacuum_time(c.oid)  AS last_autovacuum,
           pg_stat_get_last_analyze_time(c.oid)     AS last_analyze,
           pg_stat_get_last_autoanalyze_time(c.oid) AS last_autoanalyze
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'm', 'p')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_)'
       AND (num_nonnulls(:min_dead_tuples::bigint, :min_rows::float8) = 0
            OR pg_stat_get_dead_tuples(c.oid) >= :min_dead_tuples::bigint
            OR pg_stat_get_ins_since_vacuum(c.oid) >= :min_dead_tuples::bigint
            OR greatest(c.reltuples, pg_stat_get_live_tuples(c.oid)) >= :min_rows::float8
            -- A partitioned table's rows are its leaves'; there are few such tables, so all are candidates.
            OR c.relkind = 'p')
), options AS (
    SELECT t.oid,
           max(o.option_value) FILTER (WHERE o.option_name = 'autovacuum_enabled')                      AS enabled,
           max(o.option_value::float8) FILTER (WHERE o.option_name = 'autovacuum_vacuum_threshold')     AS vacuum_threshold,
           max(o.option_value::float8) FILTER (WHERE o.option_name = 'autovacuum_vacuum_scale_factor')  AS vacuum_scale_factor,
           max(o.option_value::float8) FILTER (WHERE o.option_name = 'autovacuum_vacuum_max_threshold') AS vacuum_max_threshold,
           max(o.option_value::float8) FILTER (WHERE o.option_name = 'autovacuum_vacuum_insert_threshold')    AS insert_threshold,
           max(o.option_value::float8) FILTER (WHERE o.option_name = 'autovacuum_vacuum_insert_scale_factor') AS insert_scale_factor,
           max(o.option_value::float8) FILTER (WHERE o.option_name = 'autovacuum_analyze_threshold')    AS analyze_threshold,
           max(o.option_value::float8) FILTER (WHERE o.option_name = 'autovacuum_analyze_scale_factor') AS analyze_scale_factor,
           max(o.option_value) FILTER (WHERE o.option_name = 'autovacuum_vacuum_cost_limit')            AS vacuum_cost_limit
      FROM tables t
      CROSS JOIN LATERAL pg_options_to_table(t.reloptions) o
     WHERE t.reloptions IS NOT NULL
     GROUP BY t.oid
), running AS (
    SELECT DISTINCT relid FROM pg_stat_progress_vacuum
)
SELECT format('%I.%I', t.nspname, t.relname)                                   AS qualified_name,
       t.nspname                                                               AS schema_name,
       t.relname                                                               AS table_name,
       t.relkind::text                                                         AS relkind,
       greatest(t.reltuples, t.n_live_tup)::float8                AS estimated_rows,
       t.n_live_tup, t.n_dead_tup, t.n_mod_since_analyze, t.n_ins_since_vacuum,
       t.last_vacuum, t.last_autovacuum, t.last_analyze, t.last_autoanalyze,
       extract(epoch FROM now() - greatest(t.last_vacuum, t.last_autovacuum))::float8 AS seconds_since_vacuum,
       array_to_string(t.reloptions, ', ')                                     AS reloptions,
       st.autovacuum_on AND coalesce(o.enabled::boolean, true)                 AS autovacuum_enabled,
       o.enabled                                                               AS autovacuum_enabled_reloption,
       st.autovacuum_on                                                        AS autovacuum_globally_on,
       CASE WHEN coalesce(o.vacuum_max_threshold, st.vacuum_max_threshold) < 0
            THEN coalesce(o.vacuum_threshold, st.vacuum_threshold)
                 + coalesce(o.vacuum_scale_factor, st.vacuum_scale_factor) * t.reltuples
            ELSE least(coalesce(o.vacuum_threshold, st.vacuum_threshold)
                         + coalesce(o.vacuum_scale_factor, st.vacuum_scale_factor) * t.reltuples,
                       coalesce(o.vacuum_max_threshold, st.vacuum_max_threshold)) END AS vacuum_trigger,
       CASE WHEN coalesce(o.insert_threshold, st.insert_threshold) < 0 THEN NULL
            ELSE coalesce(o.insert_threshold, st.insert_threshold)
                 + coalesce(o.insert_scale_factor, st.insert_scale_factor) * t.reltuples END AS insert_trigger,
       coalesce(o.analyze_threshold, st.analyze_threshold)
         + coalesce(o.analyze_scale_factor, st.analyze_scale_factor) * t.reltuples AS analyze_trigger,
       r.relid IS NOT NULL                                                     AS vacuum_running,
       -- Statements restoring the per-table settings a remediation may change, from their values now.
       CASE WHEN o.analyze_scale_factor IS NULL
            THEN format('ALTER TABLE %I.%I RESET (autovacuum_analyze_scale_factor);', t.nspname, t.relname)
            ELSE format('ALTER TABLE %I.%I SET (autovacuum_analyze_scale_factor = %s);', t.nspname, t.relname, o.analyze_scale_factor)
       END                                                                     AS analyze_scale_factor_rollback,
       CASE WHEN o.vacuum_cost_limit IS NULL
            THEN format('ALTER TABLE %I.%I RESET (autovacuum_vacuum_cost_limit);', t.nspname, t.relname)
            ELSE format('ALTER TABLE %I.%I SET (autovacuum_vacuum_cost_limit = %s);', t.nspname, t.relname, o.vacuum_cost_limit)
       END                                                                     AS vacuum_cost_limit_rollback,
       CASE WHEN t.last_analyze IS NOT NULL OR t.last_autoanalyze IS NOT NULL THEN true
            -- No timestamp: never analyzed, or the statistics counters were reset since (pg_stat_reset,
            -- a crash, a failover). The planner's statistics tell, where the role may read the columns:
            -- NULL here, and planner_statistics.sql looks them up for these tables alone, afterwards.
            -- Planning a pg_stats lookup here cost every run about a third of this statement's planning.
            WHEN has_any_column_privilege(t.oid, 'SELECT') THEN NULL
            -- pg_stats hides them from a role without SELECT (pg_monitor alone). reltuples is the evidence
            -- left: from 14 it is -1 until the first VACUUM, ANALYZE or CREATE INDEX of a table, and until
            -- the first ANALYZE of a partitioned one; before 14 a table's is 0 until then and a partitioned
            -- one's stays 0. A table only vacuumed or indexed passes as analyzed, and its modifications
            -- since still fail it as stale.
            WHEN current_setting('server_version_num')::int >= 140000 THEN t.own_reltuples >= 0
            ELSE t.relkind <> 'p' AND t.own_reltuples > 0
       END                                                                     AS analyzed
  FROM tables t
  CROSS JOIN settings st
  LEFT JOIN options o ON o.oid = t.oid
  LEFT JOIN running r ON r.relid = t.oid
