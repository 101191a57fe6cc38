-- CREATE STATISTICS objects of the connected database and whether the planner has their data. The data
-- (pg_statistic_ext_data) is readable by superusers only; pg_stats_ext shows it to others, on PostgreSQL 13 for
-- a statistics object all of whose columns the role may SELECT (and row security does not hide the table).
-- pg_stats_ext cannot tell "no data" from "not shown to you", so visible says whether it would show this one:
-- has_data means something only where visible is true. On 13 CREATE STATISTICS already adds an empty data
-- row (all kinds NULL), so data means a kind that is not NULL.
SELECT format('%I.%I', sn.nspname, s.stxname)                         AS statistics_name,
       format('%I.%I', cn.nspname, c.relname)                         AS table_name,
       pg_get_userbyid(c.relowner)                                     AS table_owner,
       pg_get_statisticsobjdef(s.oid) || ';'                           AS definition,
       (SELECT string_agg(CASE k WHEN 'd' THEN 'ndistinct' WHEN 'f' THEN 'dependencies' WHEN 'm' THEN 'mcv'
                                   ELSE 'expressions' END, ', ') FROM unnest(s.stxkind) k) AS kinds,
       visible.ok                                                      AS visible,
       visible.ok AND EXISTS (
           SELECT 1 FROM pg_stats_ext e
            WHERE e.statistics_schemaname = sn.nspname AND e.statistics_name = s.stxname
              AND (e.n_distinct IS NOT NULL OR e.dependencies IS NOT NULL OR e.most_common_vals IS NOT NULL)) AS has_data,
       format('ANALYZE (VERBOSE) %I.%I;', cn.nspname, c.relname)      AS analyze_statement
  FROM pg_statistic_ext s
  JOIN pg_class c      ON c.oid = s.stxrelid
  JOIN pg_namespace cn ON cn.oid = c.relnamespace
  JOIN pg_namespace sn ON sn.oid = s.stxnamespace
 CROSS JOIN LATERAL (
       SELECT NOT EXISTS (SELECT 1 FROM unnest(s.stxkeys) k
                            JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = k
                           WHERE NOT has_column_privilege(c.oid, a.attnum, 'select'))
              AND (NOT c.relrowsecurity OR NOT row_security_active(c.oid)) AS ok) visible
 WHERE cn.nspname NOT IN ('pg_catalog', 'information_schema')
   AND cn.nspname !~ '^pg_(toast|temp_|toast_temp_)'
 ORDER BY 1
