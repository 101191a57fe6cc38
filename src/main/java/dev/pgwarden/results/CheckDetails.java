package dev.pgwarden.results;

import java.util.List;

/**
 * What reports show beside a check's outcome: what the check is for, where to read more, how its findings
 * are remedied in general, the SQL that gathered its facts, and the values it measured on the way.
 *
 * @param help         the check's remediation and rollback templates, for readers who see no finding yet
 * @param queries      the fact queries as they ran, in the order the check needed them
 * @param measurements key values read from the facts whether or not the check failed (for dashboards)
 * @param controls     the CIS PostgreSQL Benchmark controls the check evaluates, for reports read by control
 */
public record CheckDetails(
        String description,
        List<String> references,
        String help,
        List<FactQuery> queries,
        List<Measurement> measurements,
        List<ComplianceControl> controls) {

    /** Details of a result that carries none. */
    public static final CheckDetails NONE = new CheckDetails("", List.of(), "", List.of(), List.of(), List.of());

    public CheckDetails {
        description = description == null ? "" : description;
        references = references == null ? List.of() : List.copyOf(references);
        help = help == null ? "" : help;
        queries = queries == null ? List.of() : List.copyOf(queries);
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** Details of a check that evaluates no CIS control. */
    public CheckDetails(String description, List<String> references, String help, List<FactQuery> queries,
            List<Measurement> measurements) {
        this(description, references, help, queries, measurements, List.of());
    }

    /** The controls' ids, comma-separated ({@code 3.1.20, 3.1.21}); empty for a check that evaluates none. */
    public String controlIds() {
        return String.join(", ", controls.stream().map(ComplianceControl::id).toList());
    }
}
