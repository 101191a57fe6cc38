-- Schemas of the connected database in which every role (PUBLIC) may create objects: the public schema
-- of every database made before PostgreSQL 15, or after an explicit GRANT CREATE ... TO PUBLIC. Whoever
-- can create there can plant a function or operator that another role's unqualified call resolves to
-- (CVE-2018-1058). A NULL ACL means the built-in default, which grants PUBLIC nothing on a schema.
SELECT quote_ident(n.nspname)                 AS schema_name,
       pg_get_userbyid(n.nspowner)::text      AS owner,
       has_schema_privilege('public', n.oid, 'USAGE') AS public_usage,
       (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid) AS relations
  FROM pg_namespace n
  CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) acl
 WHERE acl.grantee = 0
   AND acl.privilege_type = 'CREATE'
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname !~ '^pg_(toast|temp_)'
 ORDER BY 1
