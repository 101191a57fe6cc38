package dev.pgwarden.engine;

import dev.pgwarden.facts.FactKind;
import dev.pgwarden.facts.FactReader;
import dev.pgwarden.facts.SqlQuery;
import dev.pgwarden.results.FactQuery;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts of one target, each kind read at most once per distinct set of query parameters, so checks that
 * share a fact kind share one query. A failed read is remembered and fails every check that needs it.
 */
final class FactCache {

    private final FactReader reader;
    private final Map<String, Object> readings = new HashMap<>();

    FactCache(FactReader reader) {
        this.reader = reader;
    }

    @SuppressWarnings("unchecked")
    List<Record> get(FactKind kind, Map<String, ?> bindings) throws SQLException {
        Map<String, Object> used = new TreeMap<>();
        for (String name : reader.query(kind).parameterNames()) {
            used.put(name, bindings.get(name));
        }
        Object reading = readings.computeIfAbsent(kind.name() + used, k -> read(kind, bindings));
        if (reading instanceof SQLException failure) {
            throw failure;
        }
        return (List<Record>) reading;
    }

    /** The statement {@link #get} runs for a kind, as reports show it: the values bound to it noted above it. */
    FactQuery query(FactKind kind, Map<String, ?> bindings) {
        SqlQuery query = reader.query(kind);
        StringBuilder sql = new StringBuilder();
        query.parameterNames().stream().distinct()
                .forEach(name -> sql.append("-- :").append(name).append(" = ").append(bindings.get(name)).append('\n'));
        return new FactQuery(kind.name(), query.resource(), sql + query.sql().strip());
    }

    private Object read(FactKind kind, Map<String, ?> bindings) {
        try {
            return reader.read(kind, bindings);
        } catch (SQLException e) {
            return e;
        }
    }
}
