package dev.pgwarden.rules;

import dev.pgwarden.results.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A check chosen for a run, with its effective parameters both as written (for reports) and as the
 * rules see them, the parameters for objects a suite singles out, and a severity that replaces the
 * check's own (null to keep it).
 */
public record SelectedCheck(CompiledCheck check, Map<String, String> parameterText, Parameters parameters,
        List<ObjectParameters> objectParameters, Severity severity) {

    public SelectedCheck {
        Objects.requireNonNull(check, "check must not be null");
        Objects.requireNonNull(parameters, "parameters must not be null");
        parameterText = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameterText));
        objectParameters = objectParameters == null ? List.of() : List.copyOf(objectParameters);
    }

    public SelectedCheck(CompiledCheck check, Map<String, String> parameterText, Parameters parameters) {
        this(check, parameterText, parameters, List.of(), null);
    }

    public String id() {
        return check.id();
    }

    public CheckMetadata metadata() {
        return check.metadata();
    }

    /** The CIS controls this selection judges: those of its {@code cis_level} and below, where it has that parameter. */
    public List<dev.pgwarden.results.ComplianceControl> complianceControls() {
        Number level = parameters.values().get(CIS_LEVEL);
        return metadata().complianceControls().stream()
                .filter(control -> level == null || control.level() <= level.intValue()).toList();
    }

    private static final String CIS_LEVEL = "cis_level";
}
