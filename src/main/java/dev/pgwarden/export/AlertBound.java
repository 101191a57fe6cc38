package dev.pgwarden.export;

import dev.pgwarden.results.Severity;
import dev.pgwarden.rules.MeasureSpec;
import dev.pgwarden.rules.SelectedCheck;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One bound an alert holds a check's measure to: {@code measure comparison bound}, in the measure's unit.
 *
 * @param source what the bound comes from, for people: the parameter's name, or the baseline
 */
public record AlertBound(SelectedCheck check, String measure, MeasureSpec spec, String comparison, BigDecimal bound,
        Severity severity, String source) {

    public AlertBound {
        Objects.requireNonNull(check, "check must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(bound, "bound must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
    }

    /** The bound as Prometheus reads it: plain decimal notation, no exponent, no trailing zeros. */
    public String boundText() {
        return bound.stripTrailingZeros().toPlainString();
    }
}
