-- The extensions this installation can create (their control files are in the server's share directory)
-- and those the connected database has. pg_available_extensions is open to every role.
SELECT e.name::text         AS name,
       e.default_version    AS default_version,
       e.installed_version  AS installed_version
  FROM pg_available_extensions e
 ORDER BY 1
