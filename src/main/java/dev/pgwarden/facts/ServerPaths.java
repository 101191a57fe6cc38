package dev.pgwarden.facts;

/** Where the server keeps its data, as it reports it (data_directory needs pg_read_all_settings). */
public record ServerPaths(String dataDirectory) {
}
