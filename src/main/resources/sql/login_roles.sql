-- Every role that can log in, with the attributes the CIS controls on roles read: superuser, REPLICATION
-- and the connection limit. From pg_roles, which every role may read (pg_authid and its password hashes
-- are never read).
SELECT quote_ident(r.rolname)  AS role_name,
       r.rolname::text         AS name,
       r.rolsuper              AS superuser,
       r.rolreplication        AS replication,
       r.rolconnlimit          AS connection_limit,
       r.oid = 10              AS bootstrap
  FROM pg_roles r
 WHERE r.rolcanlogin
 ORDER BY 1
