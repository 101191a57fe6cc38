package dev.pgwarden.facts;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.kie.api.definition.type.ClassReactive;

/**
 * One row of a {@link CustomFact}'s query, as rules match it: {@code Row(fact == "stuck_orders",
 * text("state") == "pending", doubleValue("pending_s") > ...)}, in the manner of {@code Parameters(check == ...)}.
 * The loader checks that every accessor a rule calls names a declared column of that type, so the
 * accessors here fail only on SQL NULL. Evidence and templates see the columns by name. Class reactive: rules
 * read it through methods, which Drools cannot map to properties (and would warn about on every compile).
 */
@ClassReactive
@JsonIgnoreProperties({"fact", "object", "values"})
public record Row(String fact, List<String> object, Map<String, Object> values) implements CatalogObject {

    public Row {
        Objects.requireNonNull(fact, "fact must not be null");
        object = List.copyOf(object);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String text(String column) {
        return (String) value(column);
    }

    public long longValue(String column) {
        return ((Number) notNull(column)).longValue();
    }

    public double doubleValue(String column) {
        return ((Number) notNull(column)).doubleValue();
    }

    public boolean booleanValue(String column) {
        return (Boolean) notNull(column);
    }

    public Instant instant(String column) {
        return (Instant) value(column);
    }

    /** Whether the query returned NULL in this column; test it before reading a number or boolean that may be NULL. */
    public boolean isNull(String column) {
        return value(column) == null;
    }

    /** The object columns' values joined by '.', or the fact's name when it declares none. */
    @Override
    public String objectName() {
        return object.isEmpty() ? fact : object.stream().map(c -> String.valueOf(values.get(c))).collect(Collectors.joining("."));
    }

    /** The columns by name, which evidence and remediation templates show. */
    @JsonAnyGetter
    public Map<String, Object> columns() {
        return values;
    }

    private Object value(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException(fact + " has no column '" + column + "' (declared: " + String.join(", ", values.keySet()) + ")");
        }
        return values.get(column);
    }

    private Object notNull(String column) {
        Object value = value(column);
        if (value == null) {
            throw new IllegalStateException(fact + "." + column + " is NULL: test isNull(\"" + column
                    + "\") first, or COALESCE it in the query");
        }
        return value;
    }

    @Override
    public String toString() {
        return fact + values;
    }
}
