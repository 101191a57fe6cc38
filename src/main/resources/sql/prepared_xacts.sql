-- Prepared transactions of the whole cluster. pg_upgrade refuses to start while any exist: their state
-- lives in pg_twophase and in the old cluster's commit log, neither of which is carried to the new one.
-- Only the transaction's own database can finish it, so each row says which one that is. A prepared
-- transaction keeps its locks and holds back the xmin horizon of the whole cluster until then.
SELECT format('%L', p.gid)                         AS gid_literal,
       p.gid,
       p.owner::text                               AS owner,
       p.database::text                            AS database_name,
       p.prepared,
       age(p.transaction)::bigint                  AS xact_age,
       (extract(epoch FROM now() - p.prepared) * 1000000)::bigint         AS age_us,
       justify_interval(date_trunc('second', now() - p.prepared))::text   AS age,
       format('COMMIT PREPARED %L;', p.gid)        AS commit_statement,
       format('ROLLBACK PREPARED %L;', p.gid)      AS rollback_prepared_statement
  FROM pg_prepared_xacts p
 ORDER BY p.prepared
