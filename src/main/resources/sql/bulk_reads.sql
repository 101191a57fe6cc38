-- How much of the server's reading comes from large sequential scans, which read through a small ring
-- of buffers (context bulkread) and so miss the cache whatever shared_buffers is. pg_stat_io exists
-- from PostgreSQL 16; before, this is not measured.
SELECT NULL::float8      AS bulk_read_share,
       NULL::bigint      AS relation_reads,
       'not measured before PostgreSQL 16 (pg_stat_io)' AS bulk_reads
