package dev.pgwarden.results;

import java.util.Objects;

/**
 * One fact query as it ran against the target.
 *
 * @param fact     the fact kind, for example {@code table_maintenance}
 * @param resource the SQL resource the statement came from (the variant for the server's major version)
 * @param sql      the statement, with the values bound to its parameters noted above it
 */
public record FactQuery(String fact, String resource, String sql) {

    public FactQuery {
        Objects.requireNonNull(fact, "fact kind must not be null");
        Objects.requireNonNull(resource, "query resource must not be null");
        Objects.requireNonNull(sql, "query sql must not be null");
    }
}
