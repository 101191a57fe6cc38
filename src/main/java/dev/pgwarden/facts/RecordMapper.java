package dev.pgwarden.facts;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Maps rows onto a fact record by name: column {@code n_dead_tup} fills component {@code nDeadTup}. The
 * one place that touches {@link ResultSet}; a column the record needs but the query lacks is an error
 * naming both.
 */
final class RecordMapper<T extends Record> {

    private final Class<T> type;
    private final RecordComponent[] components;
    private final Constructor<T> constructor;
    // Worked out once per query, not per row: a catalog of 100,000 tables maps 100,000 rows.
    private final String[] columns;
    private final Class<?>[] types;

    RecordMapper(Class<T> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.types = new Class<?>[components.length];
        this.columns = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            columns[i] = column(components[i]);
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    void requireColumns(ResultSetMetaData meta, String resource) throws SQLException {
        Set<String> columns = new HashSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        for (RecordComponent component : components) {
            if (!columns.contains(column(component))) {
                throw new IllegalStateException(resource + " returns no column '" + column(component)
                        + "' needed by " + type.getSimpleName());
            }
        }
    }

    T map(ResultSet row) throws SQLException {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = read(row, columns[i], types[i]);
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from a row", e);
        }
    }

    private static Object read(ResultSet row, String column, Class<?> javaType) throws SQLException {
        if (javaType == Instant.class) {
            OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant();
        }
        if (javaType == long.class) {
            return row.getLong(column);
        }
        if (javaType == int.class) {
            return row.getInt(column);
        }
        if (javaType == double.class) {
            return row.getDouble(column);
        }
        if (javaType == boolean.class) {
            return row.getBoolean(column);
        }
        return row.getObject(column, javaType);
    }

    static String column(RecordComponent component) {
        return FactKind.column(component.getName());
    }
}
