-- The values a baseline keeps and a later run compares: higher is worse for each. Counters that only
-- grow (scans, rows read) are turned into rates per hour of their statistics window, so windows of
-- different lengths compare. floor is the smallest value worth judging for the metric.
WITH window_hours AS (
    SELECT greatest(extract(epoch FROM now() - coalesce(
               (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()),
               pg_postmaster_start_time())) / 3600.0, 1.0 / 60) AS hours
)
SELECT d.datname::text AS object, 'xid_age' AS metric, age(d.datfrozenxid)::float8 AS value, 1000000::float8 AS floor
  FROM pg_database d
UNION ALL
SELECT format('%I.%I', s.schemaname, s.relname), 'n_dead_tup', s.n_dead_tup::float8, 1000
  FROM pg_stat_user_tables s
UNION ALL
SELECT format('%I.%I', s.schemaname, s.relname), 'seq_scan_per_hour', s.seq_scan / w.hours, 10
  FROM pg_stat_user_tables s CROSS JOIN window_hours w
 WHERE s.seq_scan > 0
UNION ALL
SELECT format('%I.%I', s.schemaname, s.relname), 'seq_tup_read_per_hour', s.seq_tup_read / w.hours, 100000
  FROM pg_stat_user_tables s CROSS JOIN window_hours w
 WHERE s.seq_tup_read > 0
UNION ALL
SELECT 'connections', 'used_fraction',
       (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::float8
         / greatest(current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int, 1),
       0.1
