-- One sample of the wait-event profile: what each active backend waits for at this instant.
-- Counted: client backends and parallel workers in state 'active', i.e. the sessions running a statement
-- for a client, and the workers running part of one (their reads and lock waits are the statement's).
-- Not counted: idle sessions (their ClientRead is the application thinking, not the server working),
-- autovacuum, the checkpointer, WAL writer and the other background processes (their waits are mostly
-- their own idle loops, wait_event_type Activity), and this session, which is always active while it asks.
-- A NULL wait event of an active backend means it is running on the CPU (or in a wait PostgreSQL does
-- not instrument); it is reported as its own line, CPU.
-- query_id is in pg_stat_activity from PostgreSQL 14 (NULL unless compute_query_id computes it); reading it
-- through to_jsonb lets one query serve 13, where the column does not exist.
SELECT coalesce(a.wait_event_type, 'CPU')          AS wait_event_type,
       coalesce(a.wait_event, 'CPU')               AS wait_event,
       (to_jsonb(a) ->> 'query_id')::bigint        AS query_id
  FROM pg_stat_activity a
 WHERE a.state = 'active'
   AND a.backend_type IN ('client backend', 'parallel worker')
   AND a.pid <> pg_backend_pid()
