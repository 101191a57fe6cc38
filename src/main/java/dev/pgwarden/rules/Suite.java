package dev.pgwarden.rules;

import dev.pgwarden.results.Waiver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named selection of checks with the values to run them with ({@code checks/<name>.yaml}), and the
 * waivers its owners accepted.
 */
public record Suite(String name, String description, Map<String, SuiteCheck> checks, List<Waiver> waivers) {

    public Suite {
        Objects.requireNonNull(name, "suite name must not be null");
        description = description == null ? "" : description;
        checks = checks == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    public SuiteCheck check(String id) {
        return checks.getOrDefault(id, SuiteCheck.DEFAULTS);
    }
}
