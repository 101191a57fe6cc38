package dev.pgwarden.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The type a rules directory declares for a column of its own fact query: the PostgreSQL types it accepts
 * from the query, and the {@link Row} accessor a rule reads it with.
 */
public enum ColumnType {

    TEXT("text", "text", Set.of("text", "varchar", "bpchar", "name", "citext")),
    BIGINT("bigint", "longValue", Set.of("int2", "int4", "int8")),
    INTEGER("integer", "longValue", Set.of("int2", "int4")),
    DOUBLE("double", "doubleValue", Set.of("float4", "float8", "numeric", "int2", "int4", "int8")),
    BOOLEAN("boolean", "booleanValue", Set.of("bool")),
    TIMESTAMPTZ("timestamptz", "instant", Set.of("timestamptz"));

    private final String typeName;
    private final String accessor;
    private final Set<String> accepted;

    ColumnType(String typeName, String accessor, Set<String> accepted) {
        this.typeName = typeName;
        this.accessor = accessor;
        this.accepted = accepted;
    }

    /** @throws IllegalArgumentException naming the known types */
    @JsonCreator
    public static ColumnType named(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.typeName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown column type '" + name + "' (known: " + known() + ")"));
    }

    static String known() {
        return Arrays.stream(values()).map(ColumnType::typeName).collect(Collectors.joining(", "));
    }

    public String typeName() {
        return typeName;
    }

    /** The method of {@link Row} a rule reads such a column with: {@code longValue("order_id")}. */
    public String accessor() {
        return accessor;
    }

    /** Whether a query column of this PostgreSQL type ({@code pg_type.typname}) can fill the declared type. */
    boolean accepts(String postgresType) {
        return accepted.contains(postgresType);
    }

    /** The column's value as the accessor returns it; null for SQL NULL. */
    Object read(ResultSet row, int column) throws SQLException {
        Object value = switch (this) {
            case TEXT -> row.getString(column);
            case BIGINT, INTEGER -> row.getLong(column);
            case DOUBLE -> row.getDouble(column);
            case BOOLEAN -> row.getBoolean(column);
            case TIMESTAMPTZ -> {
                OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
                yield time == null ? null : time.toInstant();
            }
        };
        return row.wasNull() ? null : value;
    }
}
