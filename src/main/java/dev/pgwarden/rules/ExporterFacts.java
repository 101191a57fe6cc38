package dev.pgwarden.rules;

import java.util.List;

/**
 * A check's {@code facts_from}: a postgres_exporter {@code queries.yaml} (the file {@code pgwarden export
 * postgres-exporter-queries} writes and {@code --extend.query-path} reads) whose queries become custom facts.
 *
 * @param file    path of the queries file, relative to the rules directory
 * @param queries the top-level names to use; empty: all of them
 */
public record ExporterFacts(String file, List<String> queries) {

    public ExporterFacts {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("'file' must name the postgres_exporter queries file, relative to the rules directory");
        }
        queries = queries == null ? List.of() : List.copyOf(queries);
    }
}
