-- Roles that can log in and bypass every privilege or row security policy: superusers other than the
-- bootstrap superuser (oid 10, the role initdb made, which owns the catalogs and cannot lose the
-- attribute), and roles with BYPASSRLS. Read from pg_roles, which every role may read; pg_authid (the
-- password hashes) is never read.
SELECT quote_ident(r.rolname)            AS role_name,
       r.rolsuper                        AS superuser,
       r.rolbypassrls                    AS bypass_rls,
       r.rolcreaterole                   AS create_role,
       r.rolreplication                  AS replication,
       r.rolconnlimit                    AS connection_limit,
       r.rolvaliduntil                   AS valid_until
  FROM pg_roles r
 WHERE r.rolcanlogin
   AND r.oid <> 10
   AND (r.rolsuper OR r.rolbypassrls)
 ORDER BY 1
