-- Names the relations a probe file saw, at check time: lock tags carry (database, relation oid), relation reads
-- (tablespace, database, relfilenode). pg_class holds only the connected database's relations, so a relation of
-- another database keeps its numbers and gets its database's name; shared catalogs (database 0) are named from
-- any database. pg_filenode_relation maps a file node to the relation that owns it now (a rewrite since the probe
-- gives a new file node, and then no name).
-- :kinds, :database_oids, :tablespace_oids, :object_ids are comma-separated lists of equal length;
-- kind 'relation' looks object_id up as a pg_class oid, 'file' as a relfilenode.
SELECT k.kind, k.database_oid, k.tablespace_oid, k.object_id,
       d.datname::text                                                           AS database_name,
       (SELECT format('%I.%I', n.nspname, c.relname)
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE k.database_oid IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
           AND c.oid = CASE k.kind WHEN 'relation' THEN k.object_id::oid
                                   ELSE pg_filenode_relation(k.tablespace_oid::oid, k.object_id::oid) END)
                                                                                 AS relation_name
  FROM unnest(string_to_array(:kinds::text, ','),
              string_to_array(:database_oids::text, ',')::bigint[],
              string_to_array(:tablespace_oids::text, ',')::bigint[],
              string_to_array(:object_ids::text, ',')::bigint[]) AS k(kind, database_oid, tablespace_oid, object_id)
  LEFT JOIN pg_database d ON d.oid = k.database_oid
