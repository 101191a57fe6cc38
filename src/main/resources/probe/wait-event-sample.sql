-- One sample of the wait-event profile: what each active backend waits for at this instant.
-- Counted (sampled = true): client backends and parallel workers in state 'active', i.e. the sessions running a
-- statement for a client, and the workers running part of one (their reads and lock waits are the statement's).
-- Not counted: idle sessions (their ClientRead is the application thinking, not the server working),
-- autovacuum, the checkpointer, WAL writer and the other background processes (their waits are mostly
-- their own idle loops, wait_event_type Activity), and this session, which is always active while it asks.
-- A NULL wait event of an active backend means it is running on the CPU (or in a wait PostgreSQL does
-- not instrument); it is reported as its own line, CPU.
-- query_id is in pg_stat_activity from PostgreSQL 14 (NULL unless compute_query_id computes it); reading it
-- through to_jsonb lets one query serve 13, where the column does not exist.
-- A backend waiting for a heavyweight lock also gives whom it waits for (pg_blocking_pids), and every blocker
-- gives its statement, state and transaction start, so the sampler can follow each waiter's chain to its root
-- (the session that waits for nobody) and name both statements. The blockers not counted (a session idle in
-- transaction, say) come as rows of their own (sampled = false). pg_blocking_pids() takes every lock-manager
-- partition lock briefly, so it is called once per lock waiter (CASE evaluates it for those rows only,
-- MATERIALIZED keeps it from being called again per use) and never for the other backends; the chains are
-- followed in the sampler, where each backend's root is found once, not in a recursive query, whose cost grows
-- with every path through a long queue. Texts are cut to 200 characters and sent only for waiters and blockers.
WITH activity AS MATERIALIZED (
    SELECT a.pid, a.state, a.backend_type, a.wait_event_type, a.wait_event, a.xact_start, a.query,
           (to_jsonb(a) ->> 'query_id')::bigint AS query_id
      FROM pg_stat_activity a
     WHERE a.pid <> pg_backend_pid()
), sampled AS MATERIALIZED (
    SELECT a.*,
           CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END AS blocking_pids
      FROM activity a
     WHERE a.state = 'active'
       AND a.backend_type IN ('client backend', 'parallel worker')
), blockers AS (
    SELECT DISTINCT b.pid FROM sampled s, unnest(s.blocking_pids) AS b(pid)
)
SELECT true                                   AS sampled,
       s.pid,
       coalesce(s.wait_event_type, 'CPU')     AS wait_event_type,
       coalesce(s.wait_event, 'CPU')          AS wait_event,
       s.query_id,
       s.blocking_pids,
       s.state,
       s.xact_start,
       CASE WHEN s.blocking_pids IS NOT NULL OR s.pid IN (SELECT pid FROM blockers) THEN left(s.query, 200) END AS query
  FROM sampled s
UNION ALL
SELECT false, a.pid, a.wait_event_type, a.wait_event, a.query_id, NULL, a.state, a.xact_start, left(a.query, 200)
  FROM activity a
  JOIN blockers b ON b.pid = a.pid
 WHERE NOT EXISTS (SELECT FROM sampled s WHERE s.pid = a.pid)
