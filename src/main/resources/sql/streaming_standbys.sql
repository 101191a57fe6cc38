-- Physical standbys streaming from this server now. pg_stat_replication lists logical walsenders too
-- (subscriptions, CDC tools); those are connected to a database, physical ones to none. Unlogged tables
-- are not sent to either, but only a standby can be promoted in the primary's place with them empty.
-- One row, with zero standbys when there are none.
SELECT count(*)                                                               AS standbys,
       coalesce(string_agg(coalesce(nullif(r.application_name, ''), host(r.client_addr), 'local')
                           || ' (' || r.state || ')', ', ' ORDER BY r.application_name), '') AS names
  FROM pg_stat_replication r
  JOIN pg_stat_activity a ON a.pid = r.pid
 WHERE a.datid IS NULL
   AND r.state IN ('streaming', 'catchup')
