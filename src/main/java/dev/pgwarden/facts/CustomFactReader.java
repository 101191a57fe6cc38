package dev.pgwarden.facts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a rules directory's own fact query on the target's session (read only, with the run's
 * statement_timeout and lock_timeout) and maps its rows to {@link Row}s, after checking that the result
 * has every declared column with a type that fits.
 */
public final class CustomFactReader {

    private final Connection connection;

    public CustomFactReader(Connection connection) {
        this.connection = connection;
    }

    /** @throws CustomFactMismatchException when a declared column is missing or of another type */
    public List<Row> read(String name, CustomFact fact) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(fact.sql())) {
            statement.setFetchSize(1000);
            try (ResultSet rows = statement.executeQuery()) {
                int[] positions = positions(name, fact, rows.getMetaData());
                List<Row> facts = new ArrayList<>();
                while (rows.next()) {
                    facts.add(row(name, fact, rows, positions));
                }
                return facts;
            }
        }
    }

    /**
     * Has the server parse the query and describe its result without running it (the extended protocol's
     * Parse and Describe), and checks the result's columns: bad SQL and mismatched columns show before any
     * check runs.
     */
    public void describe(String name, CustomFact fact) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(fact.sql())) {
            ResultSetMetaData result = statement.getMetaData();
            if (result == null) {
                throw new CustomFactMismatchException(fact.origin().fact() + ": the statement returns no rows; a fact query is a SELECT");
            }
            positions(name, fact, result);
        }
    }

    private static int[] positions(String name, CustomFact fact, ResultSetMetaData result) throws SQLException {
        Map<String, Integer> returned = new LinkedHashMap<>();
        for (int i = 1; i <= result.getColumnCount(); i++) {
            returned.putIfAbsent(result.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        }
        int[] positions = new int[fact.columns().size()];
        int at = 0;
        for (Map.Entry<String, ColumnType> column : fact.columns().entrySet()) {
            Integer position = returned.get(column.getKey());
            if (position == null) {
                throw new CustomFactMismatchException(fact.origin().column(column.getKey()) + ": the query of " + name
                        + " returns no column '" + column.getKey() + "' (it returns: " + String.join(", ", returned.keySet()) + ")");
            }
            String type = result.getColumnTypeName(position);
            if (!column.getValue().accepts(type)) {
                throw new CustomFactMismatchException(fact.origin().column(column.getKey()) + ": declared "
                        + column.getValue().typeName() + ", but the query returns " + type + "; cast it in the query (::"
                        + column.getValue().typeName().replace("double", "float8") + ") or declare its type");
            }
            positions[at++] = position;
        }
        return positions;
    }

    private static Row row(String name, CustomFact fact, ResultSet rows, int[] positions) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        int at = 0;
        for (Map.Entry<String, ColumnType> column : fact.columns().entrySet()) {
            values.put(column.getKey(), column.getValue().read(rows, positions[at++]));
        }
        return new Row(name, fact.object(), values);
    }
}
