-- The data directory as the server reports it, to match host facts written by pgwarden probe on its host.
SELECT current_setting('data_directory') AS data_directory
