/**
 * How pgwarden reaches the database it checks: connection settings from a URL, the PG* environment
 * and the pgpass file (like psql), and a read-only, time-limited session on the target.
 */
package dev.pgwarden.connection;
