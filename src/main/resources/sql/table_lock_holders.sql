-- The tables of the connected database whose lock a session holds in a mode autovacuum's conflicts with, so
-- autovacuum passes them over: vacuum and analyze take SHARE UPDATE EXCLUSIVE and autovacuum asks with
-- SKIP_LOCKED (unless it must prevent wraparound). The longest-open such session per table; running VACUUMs and
-- ANALYZEs are the work, not in its way. Read on demand, only once a table is behind on vacuum or analyze.
SELECT DISTINCT ON (l.relation)
       format('%I.%I', n.nspname, c.relname)                                    AS qualified_name,
       format('pid %s (%s, %s, %s)', a.pid, coalesce(a.usename::text, '?'),
              coalesce(nullif(a.application_name, ''), 'no application_name'), coalesce(a.state, '?')) AS lock_holder,
       l.mode                                                                   AS lock_holder_mode,
       a.xact_start                                                             AS lock_holder_since,
       extract(epoch FROM now() - a.xact_start)::float8                         AS lock_holder_seconds,
       format('SELECT pg_terminate_backend(%s);  -- or end that transaction from its application', a.pid) AS lock_release
  FROM pg_locks l
  JOIN pg_stat_activity a ON a.pid = l.pid
  JOIN pg_class c ON c.oid = l.relation
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE l.locktype = 'relation'
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND l.granted
   AND l.mode IN ('ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
   AND a.backend_type <> 'autovacuum worker'
   AND l.pid NOT IN (SELECT pid FROM pg_stat_progress_vacuum UNION ALL SELECT pid FROM pg_stat_progress_analyze)
 ORDER BY l.relation, a.xact_start
