package dev.pgwarden.cli;

import dev.pgwarden.connection.ConnectionSettings;
import dev.pgwarden.connection.TargetConfigException;
import dev.pgwarden.connection.TargetResolver;
import picocli.CommandLine.Option;

/**
 * {@code --url}, as each command that connects to the database takes it ({@code check}, {@code baseline save}, the
 * probe's sampling): the connection package resolves it with the PG* variables, connection services, socket
 * directories and the pgpass file, so every command reaches a database the same way psql does.
 */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "JDBC URL, postgresql:// URI or libpq's keyword=value settings: postgresql:///DB?host=/var/run/postgresql"
                    + " for a Unix socket, postgresql:///?service=NAME or service=NAME for a connection service (pg_service.conf)."
                    + " Without it, like psql:"
                    + " PGSERVICE, PGHOST (a host or socket directory), PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE and"
                    + " ~/.pgpass; with no host, the socket in /var/run/postgresql, else localhost.")
    String url;

    /** Where to connect, as psql would. */
    ConnectionSettings resolve() throws TargetConfigException {
        return new TargetResolver(System.getenv()).resolve(url);
    }
}
