-- The statements of the connected database with the most total execution time in pg_stat_statements, the
-- :max_statements largest, for a baseline to keep with their plans. One row per queryid: its entries of every
-- role summed, with the text of the one that took the most time (they share it, up to the role that ran it).
-- A utility statement's text may hold a password before PostgreSQL 16 and has no plan: only its first two words
-- are kept.
SELECT t.queryid,
       CASE WHEN t.query ~* '^\s*(select|insert|update|delete|with|merge|values|table)\M' OR t.query = '<insufficient privilege>'
            THEN t.query
            ELSE array_to_string((regexp_split_to_array(btrim(t.query), '\s+'))[1:2], ' ') || ' … (utility statement, text withheld)'
       END                                                        AS query,
       t.calls, t.mean_ms, t.total_ms
  FROM (SELECT s.queryid,
               (array_agg(s.query ORDER BY s.total_exec_time DESC))[1]        AS query,
               sum(s.calls)::bigint                                             AS calls,
               (sum(s.total_exec_time) / nullif(sum(s.calls), 0))::float8      AS mean_ms,
               sum(s.total_exec_time)::float8                                   AS total_ms
          FROM pg_stat_statements s
         WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND s.queryid IS NOT NULL
         GROUP BY s.queryid) t
 ORDER BY t.total_ms DESC
 LIMIT :max_statements::int
