package dev.pgwarden.cli;

import picocli.CommandLine.Option;

/** The server major an export's SQL is for, for collectors that run one query whatever the server's version. */
final class ServerMajorOption {

    @Option(names = "--server-major", paramLabel = "N", defaultValue = "17",
            description = "The PostgreSQL major the collector watches, which picks each fact query's variant (default: ${DEFAULT-VALUE}).")
    int serverMajor;
}
