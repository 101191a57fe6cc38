package dev.pgwarden.facts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fact a rules directory brings with its own SQL: each row of the query becomes a {@link Row} with the
 * declared columns, typed. The query runs on the check's read-only session like the built-in ones.
 *
 * @param sql     one SELECT, without parameters
 * @param columns the columns rules may read, by name, with their types; the query may return more
 * @param object  the columns whose values, joined by '.', name the object of a finding; empty: the fact's name
 * @param origin  where it was declared, for errors; set by the loader, never read from the file
 */
public record CustomFact(String sql, Map<String, ColumnType> columns,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> object,
        @JsonIgnore Origin origin) {

    public CustomFact {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("'sql' must hold the query");
        }
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("'columns' must declare at least one column with its type, like order_id: bigint");
        }
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        columns.keySet().stream().filter(name -> !name.matches("[a-z_][a-z0-9_]*")).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("column '" + name + "' must be a lower-case SQL name, as the query's result names it");
        });
        object = object == null ? List.of() : List.copyOf(object);
        Map<String, ColumnType> declared = columns;
        object.stream().filter(name -> !declared.containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("'object' names column '" + name + "', which 'columns' does not declare");
        });
        origin = origin == null ? new Origin("(unknown file)", "", "columns") : origin;
    }

    /** This fact as declared at {@code origin}. */
    public CustomFact at(Origin origin) {
        return new CustomFact(sql, columns, object, Objects.requireNonNull(origin, "origin must not be null"));
    }

    /**
     * Where a fact was declared, so errors name file and key.
     *
     * @param key     the fact's key path in the file ({@code custom_facts.stuck_orders})
     * @param columns the key path of its columns ({@code custom_facts.stuck_orders.columns}, or
     *                {@code orders.metrics} in a postgres_exporter file)
     */
    public record Origin(String file, String key, String columns) {

        /** {@code file: key 'path'} for the fact itself. */
        public String fact() {
            return file + ": key '" + key + "'";
        }

        /** {@code file: key 'path'} for one declared column. */
        public String column(String name) {
            return file + ": key '" + columns + "." + name + "'";
        }
    }
}
