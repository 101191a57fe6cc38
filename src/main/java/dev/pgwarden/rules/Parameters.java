package dev.pgwarden.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A check's effective parameter values, inserted into the rule session as a fact so rules match on them
 * instead of holding constants: {@code $p : Parameters(check == "xid-age")}. Durations are microseconds,
 * sizes bytes.
 */
public record Parameters(String check, Map<String, Number> values) {

    public Parameters {
        Objects.requireNonNull(check, "check must not be null");
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public long longValue(String name) {
        return value(name).longValue();
    }

    public double doubleValue(String name) {
        return value(name).doubleValue();
    }

    private Number value(String name) {
        Number value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("check " + check + " has no parameter '" + name + "' (known: "
                    + values.keySet() + ")");
        }
        return value;
    }
}
