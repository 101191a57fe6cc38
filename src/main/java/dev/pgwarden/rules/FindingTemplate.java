package dev.pgwarden.rules;

/**
 * How one kind of finding of a check is rendered: what to run and how to undo it. Templates name values in
 * braces, {@code {object}} or any evidence field such as {@code {n_dead_tup}}.
 *
 * @param severity overrides the check's severity for this kind of finding; may be null
 */
public record FindingTemplate(String severity, String remediation, String rollback) {

    public FindingTemplate {
        remediation = remediation == null ? "" : remediation.strip();
        rollback = rollback == null ? "" : rollback.strip();
    }
}
