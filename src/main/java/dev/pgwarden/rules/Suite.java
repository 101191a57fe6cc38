package dev.pgwarden.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named selection of checks with the parameter values to run them with ({@code checks/<name>.yaml}).
 *
 * @param checks check id → parameter name → value as the user writes it ({@code 1GB}, {@code 0.9})
 */
public record Suite(String name, String description, Map<String, Map<String, String>> checks) {

    public Suite {
        Objects.requireNonNull(name, "suite name must not be null");
        description = description == null ? "" : description;
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        if (checks != null) {
            checks.forEach((id, params) -> copy.put(id, params == null ? Map.of() : Map.copyOf(params)));
        }
        checks = java.util.Collections.unmodifiableMap(copy);
    }
}
