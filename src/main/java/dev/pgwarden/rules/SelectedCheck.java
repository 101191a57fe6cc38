package dev.pgwarden.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A check chosen for a run, with its effective parameters both as written (for reports) and as the
 * rules see them.
 */
public record SelectedCheck(CompiledCheck check, Map<String, String> parameterText, Parameters parameters) {

    public SelectedCheck {
        Objects.requireNonNull(check, "check must not be null");
        Objects.requireNonNull(parameters, "parameters must not be null");
        parameterText = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameterText));
    }

    public String id() {
        return check.id();
    }

    public CheckMetadata metadata() {
        return check.metadata();
    }
}
