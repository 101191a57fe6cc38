-- Tables of the connected database past autovacuum's vacuum trigger that no worker is on: dead tuples
-- over autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor × reltuples, or (inserts) over the
-- insert threshold and scale factor, where the table's reloptions override the server settings. One
-- pass over pg_class with the statistics functions (not pg_stat_user_tables, which computes every
-- counter of every table); reloptions are only unpacked for the few tables that have any, so 10,000
-- tables cost a few milliseconds. Other databases' counters are not visible from here.
WITH settings AS (
    SELECT current_setting('autovacuum_vacuum_threshold')::float8           AS vacuum_threshold,
           current_setting('autovacuum_vacuum_scale_factor')::float8        AS vacuum_scale_factor,
           current_setting('autovacuum_vacuum_insert_threshold')::float8    AS insert_threshold,
           current_setting('autovacuum_vacuum_insert_scale_factor')::float8 AS insert_scale_factor
), tables AS (
    SELECT c.oid, format('%I.%I', n.nspname, c.relname) AS qualified_name, greatest(c.reltuples, 0)::float8 AS reltuples,
           pg_stat_get_dead_tuples(c.oid) AS dead, pg_stat_get_ins_since_vacuum(c.oid) AS inserted,
           greatest(pg_stat_get_last_autovacuum_time(c.oid), pg_stat_get_last_vacuum_time(c.oid)) AS last_vacuum,
           CASE WHEN c.reloptions IS NOT NULL THEN
               (SELECT array_agg(o.option_name || '=' || o.option_value) FROM pg_options_to_table(c.reloptions) o) END AS options
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'm')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname !~ '^pg_(toast|temp_)'
), triggers AS (
    SELECT t.*,
           coalesce((SELECT split_part(o, '=', 2)::float8 FROM unnest(t.options) o WHERE o LIKE 'autovacuum_vacuum_threshold=%'), s.vacuum_threshold)
         + coalesce((SELECT split_part(o, '=', 2)::float8 FROM unnest(t.options) o WHERE o LIKE 'autovacuum_vacuum_scale_factor=%'), s.vacuum_scale_factor)
           * t.reltuples AS dead_trigger,
           coalesce((SELECT split_part(o, '=', 2)::float8 FROM unnest(t.options) o WHERE o LIKE 'autovacuum_vacuum_insert_threshold=%'), s.insert_threshold)
             AS insert_threshold,
           coalesce((SELECT split_part(o, '=', 2)::float8 FROM unnest(t.options) o WHERE o LIKE 'autovacuum_vacuum_insert_scale_factor=%'), s.insert_scale_factor)
             AS insert_scale_factor,
           coalesce((SELECT split_part(o, '=', 2) FROM unnest(t.options) o WHERE o LIKE 'autovacuum_enabled=%'), 'true')::boolean AS enabled
      FROM tables t, settings s
     WHERE t.dead > 0 OR t.inserted > 0
), waiting AS (
    SELECT * FROM triggers
     WHERE enabled
       -- An insert threshold of -1 turns insert-driven vacuum off.
       AND (dead > dead_trigger OR (insert_threshold >= 0 AND inserted > insert_threshold + insert_scale_factor * reltuples))
       AND oid NOT IN (SELECT relid FROM pg_stat_progress_vacuum WHERE datname = current_database())
)
SELECT current_database()::text                                                  AS database_name,
       (SELECT count(*) FROM waiting)                                            AS waiting_tables,
       coalesce((SELECT string_agg(format('%s (%s dead, trigger %s, last vacuum %s)', qualified_name, dead,
                                          round(dead_trigger), coalesce(date_trunc('second', last_vacuum)::text, 'never')),
                                   ', ' ORDER BY dead DESC)
                   FROM (SELECT * FROM waiting ORDER BY dead DESC, inserted DESC LIMIT 10) top), 'none') AS most_waiting
