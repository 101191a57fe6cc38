-- The cluster's identifier, made by initdb and kept by every copy of its files (a standby, a restored
-- backup): the same number in two reports means the same cluster. Needs EXECUTE on pg_control_system(),
-- which every role has unless it was revoked.
SELECT system_identifier::text AS system_identifier FROM pg_control_system()
