package dev.pgwarden.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one check against one target, as every report sees it.
 *
 * @param target      where the check ran, described without a password
 * @param parameters  the effective parameter values, as the user would write them
 * @param waived      findings a live waiver accepted; they do not fail the check
 * @param notes       what the run has to say about the check's configuration (expired or unused waivers)
 * @param details     documentation, queries and measured values for reports that show them
 */
public record CheckResult(
        String target,
        String id,
        String title,
        String category,
        Severity severity,
        Map<String, String> parameters,
        Outcome outcome,
        long durationMs,
        List<WaivedFinding> waived,
        List<String> notes,
        CheckDetails details) {

    public CheckResult {
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(id, "check id must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
        title = title == null ? id : title;
        category = category == null ? "" : category;
        severity = severity == null ? Severity.WARNING : severity;
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        waived = waived == null ? List.of() : List.copyOf(waived);
        notes = notes == null ? List.of() : List.copyOf(notes);
        details = details == null ? CheckDetails.NONE : details;
    }

    /** A result with no waived findings, no notes and no details. */
    public CheckResult(String target, String id, String title, String category, Severity severity,
            Map<String, String> parameters, Outcome outcome, long durationMs) {
        this(target, id, title, category, severity, parameters, outcome, durationMs, List.of(), List.of(), CheckDetails.NONE);
    }

    /** A result with details but no waived findings or notes. */
    public CheckResult(String target, String id, String title, String category, Severity severity,
            Map<String, String> parameters, Outcome outcome, long durationMs, CheckDetails details) {
        this(target, id, title, category, severity, parameters, outcome, durationMs, List.of(), List.of(), details);
    }

    public Status status() {
        return outcome.status();
    }

    public List<Finding> findings() {
        return outcome instanceof Outcome.Failed failed ? failed.findings() : List.of();
    }

    /** Why the check was skipped or errored; empty otherwise. */
    public String reason() {
        if (outcome instanceof Outcome.Skipped skipped) {
            return skipped.reason();
        }
        if (outcome instanceof Outcome.Errored errored) {
            return errored.reason();
        }
        return "";
    }

    /** The most severe finding's severity, or the check's own when it has none. */
    public Severity effectiveSeverity() {
        return findings().stream().map(Finding::severity).reduce(Severity::max).orElse(severity);
    }
}
