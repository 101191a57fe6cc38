-- Statements of the connected database from pg_stat_statements (columns as named from PostgreSQL 13:
-- mean_exec_time, stddev_exec_time, max_exec_time) called at least :min_calls times whose mean is over
-- :max_mean or whose p99 bound is over :max_p99 (both in microseconds; NULL: no bound).
-- pg_stat_statements keeps no percentiles. Whatever the distribution, at most 1% of calls lie beyond
-- mean + sqrt(0.99 / 0.01) × stddev (Cantelli's one-sided Chebyshev inequality), and none beyond the slowest
-- call, so the smaller of the two is a p99 that can over-report but never under-report. A normal estimate
-- (mean + 2.326 × stddev) under-reports a skewed tail: 98% 1 ms and 2% 50 ms calls give 18 ms for a true 50 ms.
-- Query text: only a start, and never a literal. Planned statements are normalized ($1 for constants);
-- utility statements are not before PostgreSQL 16 (ALTER ROLE ... PASSWORD '...' would show), so they
-- are named by their first two words only, and a planned statement's text stops before any quote or
-- dollar quote left in it. Without pg_read_all_stats other roles' texts read <insufficient privilege>.
-- The statistics window: PostgreSQL 13 does not record when pg_stat_statements was reset (NULL).
WITH statements AS (
    SELECT s.queryid, s.userid, s.query, s.calls, s.rows, s.shared_blks_read, s.total_exec_time,
           s.mean_exec_time, s.stddev_exec_time, s.max_exec_time,
           least(s.mean_exec_time + sqrt(0.99 / 0.01) * s.stddev_exec_time, s.max_exec_time) AS p99_bound,
           NULL::timestamptz AS stats_since
      FROM pg_stat_statements s
     WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND s.queryid IS NOT NULL
)
SELECT format('queryid:%s', s.queryid)                                          AS object_name,
       s.queryid, current_database()::text                                       AS database_name,
       coalesce(r.rolname::text, s.userid::text)                                 AS user_name,
       s.calls, s.rows, s.shared_blks_read,
       round(s.mean_exec_time::numeric, 1)::float8 AS mean_ms, round(s.stddev_exec_time::numeric, 1)::float8 AS stddev_ms,
       round(s.max_exec_time::numeric, 1)::float8 AS max_ms, round(s.p99_bound::numeric, 1)::float8 AS p99_bound_ms, s.stats_since,
       CASE WHEN s.query = '<insufficient privilege>' THEN s.query
            WHEN s.query ~* '^\s*(select|insert|update|delete|with|merge|values|table)\M'
            THEN left(regexp_replace(regexp_replace(btrim(s.query), '\s+', ' ', 'g'), '(''|\$[^0-9]).*$', ''), 80)
                 || CASE WHEN length(s.query) > 80 OR s.query ~ '(''|\$[^0-9])' THEN ' …' ELSE '' END
            ELSE array_to_string((regexp_split_to_array(btrim(s.query), '\s+'))[1:2], ' ')
                 || ' … (utility statement, text withheld)' END                AS query_start
  FROM statements s
  LEFT JOIN pg_roles r ON r.oid = s.userid
 WHERE (:min_calls::bigint IS NULL OR s.calls >= :min_calls::bigint)
   AND ((:max_mean::float8 IS NULL AND :max_p99::float8 IS NULL)
        OR s.mean_exec_time * 1000 > :max_mean::float8
        OR s.p99_bound * 1000 > :max_p99::float8)
 ORDER BY s.total_exec_time DESC
 LIMIT 100
