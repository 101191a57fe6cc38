-- The pg_stat_statements entries of the connected database behind one finding: those of one queryid
-- (:queryid), or the planned statements whose text matches :table_pattern (a regular expression naming
-- one table after FROM or JOIN), the :max_statements largest by total execution time.
-- query is the normalized text EXPLAIN needs and stays out of evidence; query_start is what evidence shows:
-- no literal, and utility statements (whose text may hold a password before PostgreSQL 16) by their first
-- two words only. planned: a statement kind that has a plan (utility statements have none).
SELECT s.queryid, coalesce(r.rolname::text, s.userid::text)                       AS user_name,
       s.calls, s.rows, s.shared_blks_read,
       round(s.total_exec_time::numeric, 1)::float8                               AS total_ms,
       round(s.mean_exec_time::numeric, 1)::float8                                AS mean_ms,
       s.query,
       s.query ~* '^\s*(select|insert|update|delete|with|merge|values|table)\M'   AS planned,
       CASE WHEN s.query = '<insufficient privilege>' THEN s.query
            WHEN s.query ~* '^\s*(select|insert|update|delete|with|merge|values|table)\M'
            THEN left(regexp_replace(regexp_replace(btrim(s.query), '\s+', ' ', 'g'), '(''|\$[^0-9]).*$', ''), 80)
                 || CASE WHEN length(s.query) > 80 OR s.query ~ '(''|\$[^0-9])' THEN ' …' ELSE '' END
            ELSE array_to_string((regexp_split_to_array(btrim(s.query), '\s+'))[1:2], ' ')
                 || ' … (utility statement, text withheld)' END                  AS query_start
  FROM pg_stat_statements s
  LEFT JOIN pg_roles r ON r.oid = s.userid
 WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND (s.queryid = :queryid::bigint
        OR (:table_pattern::text IS NOT NULL
            AND s.query ~* '^\s*(select|insert|update|delete|with|merge|values|table)\M'
            AND s.query ~ :table_pattern::text))
 ORDER BY s.total_exec_time DESC
 LIMIT :max_statements::int
