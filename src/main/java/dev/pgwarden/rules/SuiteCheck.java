package dev.pgwarden.rules;

import dev.pgwarden.results.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a suite runs one check: parameter values (as written, units included), a severity that replaces
 * the check's own, and parameter values for objects matched by pattern.
 *
 * @param severity null to keep the check's severities
 */
public record SuiteCheck(Map<String, String> parameters, Severity severity, List<ObjectOverride> objects) {

    static final SuiteCheck DEFAULTS = new SuiteCheck(Map.of(), null, List.of());

    public SuiteCheck {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        objects = objects == null ? List.of() : List.copyOf(objects);
    }
}
