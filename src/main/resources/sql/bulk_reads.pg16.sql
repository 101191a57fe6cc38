-- How much of the server's reading comes from large sequential scans, which read through a small ring
-- of buffers (context bulkread) and so miss the cache whatever shared_buffers is: relation reads of
-- all backend types in pg_stat_io (PostgreSQL 16+), since its stats_reset.
WITH reads AS (
    SELECT coalesce(sum(reads) FILTER (WHERE context = 'bulkread'), 0)::float8 AS bulk,
           coalesce(sum(reads), 0)::bigint                                     AS total,
           min(stats_reset)                                                    AS since
      FROM pg_stat_io
     WHERE object = 'relation'
)
SELECT bulk / nullif(total, 0) AS bulk_read_share,
       total                   AS relation_reads,
       format('%s%% of the server''s %s relation reads since %s came from large sequential scans (bulkread ring'
              || ' buffers), which a larger shared_buffers does not help', round((100 * bulk / nullif(total, 0))::numeric, 1),
              total, date_trunc('second', since)) AS bulk_reads
  FROM reads
