-- What tells a managed PostgreSQL service from a self-managed server, as any role sees it: the settings its
-- build adds (pg_settings names), the administrative roles it creates (pg_roles) and, for Aurora, whether
-- the function aurora_version() exists (looked up in pg_proc, never called). One row per provider:
-- decisive is a setting only that provider has; signals lists every sign found, each counting once.
-- pg_settings lists the settings a loaded module defines; a custom setting no module defines (a placeholder)
-- is not listed there, so the names the database's own settings store count too, and the decisive names are
-- also asked for one by one (current_setting(name, true) is NULL for a name nothing set).
WITH settings AS (
    SELECT name FROM pg_settings
    UNION
    SELECT lower(split_part(c, '=', 1))
      FROM pg_db_role_setting s
     CROSS JOIN LATERAL unnest(s.setconfig) AS c
     WHERE s.setrole = 0 AND s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
    UNION
    SELECT n FROM unnest(ARRAY['rds.extensions', 'cloudsql.iam_authentication', 'alloydb.iam_authentication',
                               'azure.extensions']) AS n
     WHERE current_setting(n, true) IS NOT NULL
), roles AS (
    SELECT rolname::text AS name FROM pg_roles
), signs(provider, decisive, sign) AS (
    SELECT 'rds', s.name = 'rds.extensions', 'setting ' || s.name FROM settings s WHERE s.name LIKE 'rds.%'
    UNION ALL
    SELECT 'rds', false, 'role ' || r.name FROM roles r WHERE r.name IN ('rds_superuser', 'rdsadmin')
    UNION ALL
    SELECT 'aurora', false, 'setting ' || s.name FROM settings s WHERE s.name LIKE 'apg\_%' OR s.name LIKE 'aurora%'
    UNION ALL
    SELECT 'aurora', false, 'function aurora_version()' FROM pg_proc p WHERE p.proname = 'aurora_version'
    UNION ALL
    SELECT 'cloudsql', s.name = 'cloudsql.iam_authentication', 'setting ' || s.name FROM settings s WHERE s.name LIKE 'cloudsql.%'
    UNION ALL
    SELECT 'cloudsql', false, 'role ' || r.name FROM roles r WHERE r.name = 'cloudsqlsuperuser'
    UNION ALL
    SELECT 'alloydb', s.name = 'alloydb.iam_authentication', 'setting ' || s.name FROM settings s WHERE s.name LIKE 'alloydb.%'
    UNION ALL
    SELECT 'alloydb', false, 'role ' || r.name FROM roles r WHERE r.name = 'alloydbsuperuser'
    UNION ALL
    SELECT 'azure', s.name = 'azure.extensions', 'setting ' || s.name FROM settings s WHERE s.name LIKE 'azure.%'
    UNION ALL
    SELECT 'azure', false, 'role ' || r.name FROM roles r WHERE r.name IN ('azure_pg_admin', 'azuresu')
)
SELECT provider,
       bool_or(decisive) AS decisive,
       count(DISTINCT sign)::int AS sign_count,
       string_agg(DISTINCT sign, ', ') AS signs
  FROM signs
 GROUP BY provider
 ORDER BY provider
