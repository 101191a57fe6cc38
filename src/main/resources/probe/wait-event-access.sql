-- Before sampling: can this role see other roles' wait events, and are query ids computed?
-- pg_stat_activity shows another role's state, wait event and query id only to members of pg_read_all_stats
-- (pg_monitor includes it) and superusers (pg_has_role is true for them); without it the profile would show
-- this role's own sessions only, so the sampler records why it did not measure instead.
-- compute_query_id exists from PostgreSQL 14 (NULL on 13): 'auto' computes ids when an extension such as
-- pg_stat_statements asks for them.
SELECT current_user::text                                         AS role_name,
       pg_has_role('pg_read_all_stats', 'USAGE')                   AS reads_all_stats,
       current_setting('compute_query_id', true)                   AS compute_query_id,
       current_setting('server_version_num')::int / 10000          AS major
