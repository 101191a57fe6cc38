/**
 * How pgwarden reaches the database it checks: connection settings from a URL, a connection service, the PG*
 * environment and the pgpass file (like psql), over TCP or a Unix-domain socket, and a read-only, time-limited
 * session on the target.
 */
package dev.pgwarden.connection;
