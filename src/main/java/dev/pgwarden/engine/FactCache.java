package dev.pgwarden.engine;

import dev.pgwarden.facts.CustomFact;
import dev.pgwarden.facts.FactKind;
import dev.pgwarden.facts.FactReader;
import dev.pgwarden.facts.Row;
import dev.pgwarden.facts.SqlQuery;
import dev.pgwarden.results.FactQuery;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts of one target, each kind read at most once, so checks that share a fact kind share one query
 * (bound by {@link FactBindings} for all of them). A failed read is remembered and fails every check
 * that needs it.
 */
final class FactCache {

    private final FactReader reader;
    private final FactBindings bindings;
    private final Map<String, Object> readings = new HashMap<>();
    // Every check sharing a kind asks for its bindings (for its report and for the read): work them out once.
    private final Map<String, Map<String, Number>> bound = new HashMap<>();

    FactCache(FactReader reader, FactBindings bindings) {
        this.reader = reader;
        this.bindings = bindings;
    }

    @SuppressWarnings("unchecked")
    List<Record> get(FactKind kind) throws SQLException {
        Object reading = readings.computeIfAbsent(kind.name(), k -> read(kind));
        if (reading instanceof SQLException failure) {
            throw failure;
        }
        return (List<Record>) reading;
    }

    /**
     * The rows of a check's own fact query. Not shared: two checks may give the same name to different queries.
     *
     * @throws dev.pgwarden.facts.CustomFactMismatchException when the result lacks a declared column or type
     */
    List<Row> custom(String name, CustomFact fact) throws SQLException {
        return reader.custom().read(name, fact);
    }

    /** The statement {@link #get} runs for a kind, as reports show it: the values bound to it noted above it. */
    FactQuery query(FactKind kind) {
        SqlQuery query = reader.query(kind);
        StringBuilder sql = new StringBuilder();
        bindingsOf(kind).forEach((name, value) -> sql.append("-- :").append(name).append(" = ")
                .append(value == null ? "NULL (no bound)" : value).append('\n'));
        sql.append(query.sql().strip());
        reader.followUpQuery(kind).ifPresent(followUp -> sql.append("\n\n-- then, only where a row above needs it (")
                .append(followUp.resource()).append("):\n").append(followUp.sql().strip()));
        return new FactQuery(kind.name(), query.resource(), sql.toString());
    }

    private Map<String, Number> bindingsOf(FactKind kind) {
        return bound.computeIfAbsent(kind.name(),
                name -> bindings.of(name, reader.query(kind).parameterNames().stream().distinct().toList()));
    }

    private Object read(FactKind kind) {
        try {
            return reader.read(kind, bindingsOf(kind));
        } catch (SQLException e) {
            return e;
        }
    }
}
