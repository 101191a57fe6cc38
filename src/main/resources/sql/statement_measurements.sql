-- Mean execution time per statement from pg_stat_statements, for baselines; the extension is optional
-- (without it this query fails as undefined and yields nothing). Only statements called often enough
-- to have a stable mean.
SELECT 'queryid:' || queryid::text      AS object,
       'mean_exec_time_ms'              AS metric,
       mean_exec_time::float8           AS value,
       1::float8                        AS floor
  FROM pg_stat_statements
 WHERE calls >= 10
 ORDER BY total_exec_time DESC
 LIMIT 500
