package dev.pgwarden.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One offending object found by a check: what it is, what is wrong with it (with numbers), what to run,
 * and how to undo what was run.
 */
public record Finding(
        String object,
        String message,
        Severity severity,
        String remediation,
        String rollback,
        Map<String, Object> evidence) {

    public Finding {
        Objects.requireNonNull(object, "finding object must not be null");
        Objects.requireNonNull(message, "finding message must not be null");
        Objects.requireNonNull(severity, "finding severity must not be null");
        remediation = remediation == null ? "" : remediation;
        rollback = rollback == null ? "" : rollback;
        // Evidence may hold nulls (a never-vacuumed table has no last_vacuum), so no Map.copyOf.
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
