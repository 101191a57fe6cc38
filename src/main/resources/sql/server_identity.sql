-- Which server and database a run judges, for the provenance of its reports. pg_control_system() is
-- asked for apart (system_identifier.sql): its privilege is checked as a statement starts, so a role
-- without it would fail this whole query instead of missing one value.
SELECT current_setting('server_version') AS server_version,
       current_database() AS database,
       (SELECT oid FROM pg_database WHERE datname = current_database()) AS database_oid,
       clock_timestamp() AS server_clock,
       has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE') AS may_read_control_file
