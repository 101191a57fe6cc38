-- Sessions waiting for a heavyweight lock, with how long, on what, and the root of the chain that
-- blocks them: following pg_blocking_pids() from blocker to blocker until one that waits for nobody.
-- That root is the session to end; ending one in the middle only moves the wait. When several roots
-- block one session, the one whose transaction is oldest is named first. A chain that comes back on
-- itself is a deadlock, which the server breaks after deadlock_timeout, so it has no root.
-- A lock held by a prepared transaction has no session: its blocker is pid 0 here.
-- pg_locks.waitstart (14+) says when the wait began, read through to_jsonb(l) so that one query serves
-- every major; on 13 it is absent, and the wait is taken from the start of the statement (state_change),
-- which it cannot precede, so on 13 a wait may look longer than it is. (The key is there from 14 even when
-- its value is null: -> gives JSON null, not SQL NULL.)
WITH RECURSIVE waiting AS (
    SELECT a.pid, a.usename::text AS user_name, a.application_name, a.datname::text AS database_name,
           l.locktype, l.mode,
           CASE WHEN l.relation IS NULL THEN NULL
                WHEN l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  THEN (SELECT format('%I.%I', n.nspname, c.relname)
                          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = l.relation)
                ELSE format('%s of database %s', l.relation,
                            coalesce((SELECT datname FROM pg_database WHERE oid = l.database)::text, 'shared'))
           END AS relation_name,
           CASE WHEN to_jsonb(l) -> 'waitstart' IS NOT NULL THEN coalesce((to_jsonb(l) ->> 'waitstart')::timestamptz, now())
                ELSE a.state_change END AS wait_start
      FROM pg_stat_activity a
      JOIN LATERAL (SELECT * FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1) l ON true
     WHERE a.wait_event_type = 'Lock'
       AND a.pid <> pg_backend_pid()
), chain(waiting_pid, pid, path) AS (
    SELECT w.pid, b.pid, ARRAY[w.pid, b.pid]
      FROM waiting w, unnest(pg_blocking_pids(w.pid)) AS b(pid)
    UNION ALL
    SELECT c.waiting_pid, b.pid, c.path || b.pid
      FROM chain c, unnest(pg_blocking_pids(c.pid)) AS b(pid)
     WHERE c.pid <> 0 AND b.pid <> ALL (c.path)
), roots AS (
    SELECT DISTINCT c.waiting_pid, c.pid
      FROM chain c
     WHERE c.pid = 0 OR cardinality(pg_blocking_pids(c.pid)) = 0
), ranked_roots AS (
    SELECT r.waiting_pid, r.pid,
           string_agg(r.pid::text, ', ') OVER (PARTITION BY r.waiting_pid ORDER BY ra.xact_start NULLS FIRST, r.pid
                                               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS all_pids,
           row_number() OVER (PARTITION BY r.waiting_pid ORDER BY ra.xact_start NULLS FIRST, r.pid) AS rank
      FROM roots r
      LEFT JOIN pg_stat_activity ra ON ra.pid = r.pid
)
SELECT w.pid                                                                       AS waiting_pid,
       w.user_name,
       coalesce(nullif(w.application_name, ''), '(none)')                          AS application_name,
       w.database_name,
       w.locktype                                                                  AS lock_type,
       w.mode                                                                      AS lock_mode,
       w.relation_name,
       w.mode || ' on ' || coalesce('relation ' || w.relation_name, w.locktype)   AS lock_target,
       (extract(epoch FROM now() - w.wait_start) * 1000000)::bigint                AS wait_us,
       justify_interval(date_trunc('second', now() - w.wait_start))::text          AS wait_time,
       array_to_string(pg_blocking_pids(w.pid), ', ')                              AS blocking_pids,
       r.pid                                                                       AS root_pid,
       r.all_pids                                                                  AS root_pids,
       CASE WHEN r.pid = 0 THEN 'prepared transaction' ELSE ra.backend_type END    AS root_backend_type,
       ra.usename::text                                                            AS root_user,
       coalesce(nullif(ra.application_name, ''), '(none)')                         AS root_application,
       ra.state                                                                    AS root_state,
       justify_interval(date_trunc('second', now() - ra.xact_start))::text         AS root_xact_age,
       CASE WHEN r.pid > 0 THEN format('SELECT pg_terminate_backend(%s);', r.pid) END AS root_terminate_statement
  FROM waiting w
  LEFT JOIN ranked_roots r ON r.waiting_pid = w.pid AND r.rank = 1
  LEFT JOIN pg_stat_activity ra ON ra.pid = r.pid
 ORDER BY w.wait_start, w.pid
