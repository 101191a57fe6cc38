-- Whether this role sees every session's state, times and query in pg_stat_activity,
-- pg_stat_replication and pg_stat_wal_receiver. Without pg_read_all_stats (part of pg_monitor) the
-- views return other roles' rows with those columns NULL instead of failing, so a check reading them
-- would pass on what it cannot see; it skips instead. Superusers have every role's privileges.
SELECT current_user::text                                         AS role_name,
       pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')   AS reads_all_stats
