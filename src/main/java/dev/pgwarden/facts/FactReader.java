package dev.pgwarden.facts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs one fact query on the target and returns its rows as records. */
public final class FactReader {

    private final Connection connection;
    private final int serverMajor;
    // Each check asks for its queries several times (parameters, reading, reports); load each once.
    private final Map<String, SqlQuery> queries = new java.util.concurrent.ConcurrentHashMap<>();

    public FactReader(Connection connection, int serverMajor) {
        this.connection = connection;
        this.serverMajor = serverMajor;
    }

    /**
     * @param bindings values for the query's named parameters, by name; NULL is a value (no bound)
     */
    public List<Record> read(FactKind kind, Map<String, ?> bindings) throws SQLException {
        try {
            return readRows(kind, bindings);
        } catch (SQLException e) {
            if (kind.optional() && UNDEFINED.contains(e.getSQLState())) {
                return List.of();
            }
            throw e;
        }
    }

    // Undefined table, function or column (an extension older than the query); or, for pg_stat_statements created
    // but not preloaded, a prerequisite missing. The check's rules say which, from the extension's own status.
    private static final java.util.Set<String> UNDEFINED = java.util.Set.of("42P01", "42883", "42703", "55000");

    private List<Record> readRows(FactKind kind, Map<String, ?> bindings) throws SQLException {
        List<Record> rows = java.util.Collections.unmodifiableList(readRows(query(kind), kind.recordType(), bindings));
        Optional<FactFollowUp> followUp = kind.followUp();
        return followUp.isEmpty() ? rows : followUp.get().complete(rows, this);
    }

    /**
     * Rows of a query that no rule matches ({@code sql/<name>.sql}, read for a finding's evidence), as records.
     *
     * @param bindings values for the query's named parameters, by name; NULL is a value
     */
    public <R extends Record> List<R> read(String queryName, Class<R> type, Map<String, ?> bindings) throws SQLException {
        return readRows(queries.computeIfAbsent(queryName, name -> SqlQuery.load(name, serverMajor)), type, bindings);
    }

    private <R extends Record> List<R> readRows(SqlQuery query, Class<R> type, Map<String, ?> bindings) throws SQLException {
        RecordMapper<R> mapper = new RecordMapper<>(type);
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            bind(statement, query, bindings);
            statement.setFetchSize(1000);
            try (ResultSet rows = statement.executeQuery()) {
                mapper.requireColumns(rows.getMetaData(), query.resource());
                List<R> facts = new ArrayList<>();
                while (rows.next()) {
                    facts.add(mapper.map(rows));
                }
                return facts;
            }
        }
    }

    /** The query that completes a kind's rows where its own query may leave a column unknown, for reports. */
    public Optional<SqlQuery> followUpQuery(FactKind kind) {
        return kind.followUp().map(followUp -> queries.computeIfAbsent(followUp.queryName(),
                name -> SqlQuery.load(name, serverMajor)));
    }

    /** A reader of a rules directory's own fact queries on the same session. */
    public CustomFactReader custom() {
        return new CustomFactReader(connection);
    }

    /** The SQL that {@link #read} runs for this server, for evidence and reports. */
    public SqlQuery query(FactKind kind) {
        return queries.computeIfAbsent(kind.name(), name -> SqlQuery.load(name, serverMajor));
    }

    private static void bind(PreparedStatement statement, SqlQuery query, Map<String, ?> bindings) throws SQLException {
        for (int i = 0; i < query.parameterNames().size(); i++) {
            String name = query.parameterNames().get(i);
            if (!bindings.containsKey(name)) {
                throw new IllegalStateException(query.resource() + " needs parameter :" + name + ", and no value was bound to it");
            }
            statement.setObject(i + 1, bindings.get(name));
        }
    }
}
