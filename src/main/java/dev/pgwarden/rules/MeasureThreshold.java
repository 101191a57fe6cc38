package dev.pgwarden.rules;

import dev.pgwarden.results.Severity;
import java.util.Set;

/**
 * Which parameter of a check bounds one of its measures, as {@code rules/<id>.yaml} declares it under
 * {@code measures.<name>.thresholds}: the measure is unhealthy when {@code measure <comparison> parameter}.
 * Exports (alerting rules) read it; the DRL stays the judgement.
 *
 * @param parameter  the check parameter that holds the bound, in the same unit as the fact field
 * @param comparison {@code >}, {@code >=}, {@code <} or {@code <=}
 * @param severity   the severity when the bound is crossed; null for the check's own
 */
public record MeasureThreshold(String parameter, String comparison, Severity severity) {

    private static final Set<String> COMPARISONS = Set.of(">", ">=", "<", "<=");

    public MeasureThreshold {
        if (parameter == null || parameter.isBlank()) {
            throw new IllegalArgumentException("'parameter' must name one of the check's parameters");
        }
        if (!COMPARISONS.contains(comparison)) {
            throw new IllegalArgumentException("'comparison' must be >, >=, < or <=, got '" + comparison + "'");
        }
    }

    /** Whether a measured value crosses the bound. */
    public boolean crossedBy(double value, double bound) {
        return switch (comparison) {
            case ">" -> value > bound;
            case ">=" -> value >= bound;
            case "<" -> value < bound;
            default -> value <= bound;
        };
    }
}
