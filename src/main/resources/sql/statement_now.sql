-- One statement of a baseline as pg_stat_statements counts it now: by its queryid, or by its text where the queryid
-- changed (the fingerprint may change between majors), summed over the roles that ran it in the connected database.
-- No row when it has not run since pg_stat_statements was last reset (pg_upgrade starts it empty).
SELECT sum(s.calls)::bigint                                    AS calls,
       (sum(s.total_exec_time) / nullif(sum(s.calls), 0))::float8 AS mean_ms
  FROM pg_stat_statements s
 WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND (s.queryid = :queryid::bigint OR s.query = :query::text)
HAVING sum(s.calls) > 0
