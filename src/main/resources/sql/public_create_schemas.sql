-- Schemas of the connected database that every role (PUBLIC) may create objects in or use: CREATE is in the
-- public schema of every database made before PostgreSQL 15, or after an explicit GRANT CREATE ... TO
-- PUBLIC. Whoever can create there can plant a function or operator that another role's unqualified call
-- resolves to (CVE-2018-1058). USAGE alone (schema public's default from PostgreSQL 15) only lets roles
-- look objects up; the CIS Benchmark's 4.10 asks for that to be revoked too, which the check does on request.
-- A NULL ACL means the built-in default, which grants PUBLIC nothing on a schema.
SELECT quote_ident(n.nspname)                          AS schema_name,
       pg_get_userbyid(n.nspowner)::text               AS owner,
       bool_or(acl.privilege_type = 'CREATE')          AS public_create,
       bool_or(acl.privilege_type = 'USAGE')           AS public_usage,
       (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid) AS relations
  FROM pg_namespace n
  CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) acl
 WHERE acl.grantee = 0
   AND acl.privilege_type IN ('CREATE', 'USAGE')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_(toast|temp_)'
 GROUP BY n.oid, n.nspname, n.nspowner
 ORDER BY 1
