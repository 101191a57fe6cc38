package dev.pgwarden.results;

import java.util.Objects;

/**
 * A control of the CIS PostgreSQL Benchmark a check evaluates, as reports name it so an auditor can read
 * the results by control.
 *
 * @param id     the control's number, like {@code 3.1.20} (pgdsat's numbering)
 * @param level  the benchmark's profile level, 1 or 2
 * @param manual whether only a person can judge it (the check then only lists it, skipped)
 */
public record ComplianceControl(String id, int level, String title, boolean manual) {

    public ComplianceControl {
        Objects.requireNonNull(id, "control id must not be null");
        title = title == null ? "" : title;
    }

    /** {@code CIS 3.1.20 (level 1)}, as the reports' text shows it. */
    public String label() {
        return "CIS " + id + " (level " + level + ")";
    }
}
