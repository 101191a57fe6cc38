-- The tablespaces made with CREATE TABLESPACE and their directories; pg_default and pg_global live in the
-- data directory by design and have no location. pg_tablespace and pg_tablespace_location() are open to
-- every role.
SELECT quote_ident(t.spcname)           AS tablespace_name,
       pg_tablespace_location(t.oid)    AS location
  FROM pg_tablespace t
 WHERE pg_tablespace_location(t.oid) <> ''
 ORDER BY 1
