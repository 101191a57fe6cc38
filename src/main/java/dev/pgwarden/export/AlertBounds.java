package dev.pgwarden.export;

import dev.pgwarden.facts.BaselineValue;
import dev.pgwarden.results.Severity;
import dev.pgwarden.rules.MeasureSpec;
import dev.pgwarden.rules.MeasureThreshold;
import dev.pgwarden.rules.SelectedCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The bounds of the selected checks' measures: each threshold parameter after suite and {@code --set}
 * overrides, and with a baseline, its value raised by {@code regression_pct}. A parameter reaches the rules in
 * the fact field's unit (microseconds, bytes), so the measure's scale turns it into the measure's unit.
 */
public final class AlertBounds {

    public List<AlertBound> thresholds(List<SelectedCheck> checks) {
        List<AlertBound> bounds = new ArrayList<>();
        for (SelectedCheck check : checks) {
            for (Map.Entry<String, MeasureSpec> measure : check.metadata().measures().entrySet()) {
                for (MeasureThreshold threshold : measure.getValue().thresholds()) {
                    BigDecimal value = decimal(check.parameters().values().get(threshold.parameter()))
                            .multiply(BigDecimal.valueOf(measure.getValue().scale()));
                    Severity severity = severity(check, threshold.severity());
                    bounds.add(new AlertBound(check, measure.getKey(), measure.getValue(), threshold.comparison(), value,
                            severity, threshold.parameter()));
                }
            }
        }
        return bounds;
    }

    /**
     * @param regressionPct how far above its baseline a value may rise, in percent
     * @param severity      the severity of a regression (baseline-regression's)
     */
    public List<AlertBound> baseline(List<SelectedCheck> checks, List<BaselineValue> baseline, double regressionPct,
            Severity severity) {
        List<AlertBound> bounds = new ArrayList<>();
        for (SelectedCheck check : checks) {
            check.metadata().measures().forEach((name, spec) -> saved(spec, baseline).ifPresent(before -> {
                BigDecimal value = BigDecimal.valueOf(before).multiply(BigDecimal.valueOf(spec.scale()))
                        .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(regressionPct).movePointLeft(2)));
                bounds.add(new AlertBound(check, name, spec, ">", value, severity, "baseline"));
            }));
        }
        return bounds;
    }

    /** The baseline's values of the measure's metric, combined the way the measure combines its facts. */
    private static OptionalDouble saved(MeasureSpec spec, List<BaselineValue> baseline) {
        if (spec.baseline() == null) {
            return OptionalDouble.empty();
        }
        return baseline.stream().filter(v -> v.metric().equals(spec.baseline()))
                .mapToDouble(BaselineValue::baselineValue).reduce(spec.combiner());
    }

    /** A suite's severity for the check replaces the check's own, as it does for its findings. */
    private static Severity severity(SelectedCheck check, Severity declared) {
        if (check.severity() != null) {
            return check.severity();
        }
        return declared != null ? declared : check.metadata().severity();
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof Long || number instanceof Integer ? BigDecimal.valueOf(number.longValue())
                : BigDecimal.valueOf(number.doubleValue());
    }
}
