-- The lines of pg_hba.conf as the server reads the file now (pg_hba_file_rules parses the file on each
-- call, so it shows what the next reload would apply). Reading it needs a superuser or explicit grants,
-- which pg_monitor does not hold:
--   GRANT SELECT ON pg_hba_file_rules TO <role>; GRANT EXECUTE ON FUNCTION pg_hba_file_rules() TO <role>;
SELECT h.line_number                            AS line_number,
       h.type                                   AS type,
       array_to_string(h.database, ',')         AS databases,
       array_to_string(h.user_name, ',')        AS users,
       h.address                                AS address,
       h.netmask                                AS netmask,
       h.auth_method                            AS auth_method,
       h.error                                  AS error
  FROM pg_hba_file_rules h
 ORDER BY h.line_number
