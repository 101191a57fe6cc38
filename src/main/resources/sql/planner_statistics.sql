-- Which of the given tables have planner statistics in pg_stats: asked after table_maintenance, and only for
-- the tables it found without analyze timestamps whose columns the role may read (pg_stats shows a role the
-- rows of those columns alone). A partitioned table's statistics are its inherited ones.
-- One lookup per table (LIMIT 1): as a join or EXISTS the planner may hash the whole of pg_stats.
SELECT t.schema_name, t.table_name
  FROM unnest(:schema_names::text[], :table_names::text[], :relkinds::text[]) AS t(schema_name, table_name, relkind)
 WHERE (SELECT true FROM pg_stats ps
         WHERE ps.schemaname = t.schema_name AND ps.tablename = t.table_name
           AND ps.inherited = (t.relkind = 'p')
         LIMIT 1) IS NOT NULL
