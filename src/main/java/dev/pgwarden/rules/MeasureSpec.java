package dev.pgwarden.rules;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/**
 * A value a check measures from its facts whether or not it fails, as {@code rules/<id>.yaml} declares it
 * under {@code measures}: the largest (or smallest, or summed) value of one record component over the facts
 * of one type, times {@code scale}.
 *
 * @param fact      the fact record's simple name, as the DRL names it ({@code DatabaseAge})
 * @param field     the record component ({@code xidAge})
 * @param aggregate {@code max} (default), {@code min} or {@code sum}
 * @param scale     multiplies the value, to turn it into a base unit (1e-6 for microseconds to seconds)
 * @param thresholds the parameters that bound the measure, for alerting rules; may be empty
 * @param baseline  the metric of a baseline file ({@code pgwarden baseline save}) this measure aggregates, so a
 *                  saved baseline becomes a bound too; null when none does
 */
public record MeasureSpec(String fact, String field, String aggregate, Double scale, String help,
        List<MeasureThreshold> thresholds, String baseline) {

    public MeasureSpec {
        requireText(fact, "fact");
        requireText(field, "field");
        aggregate = aggregate == null ? "max" : aggregate.toLowerCase(Locale.ROOT);
        if (!aggregate.equals("max") && !aggregate.equals("min") && !aggregate.equals("sum")) {
            throw new IllegalArgumentException("'aggregate' must be max, min or sum, got '" + aggregate + "'");
        }
        scale = scale == null ? 1.0 : scale;
        help = Objects.requireNonNullElse(help, "");
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /** How the values of several facts combine into the one measured value. */
    public DoubleBinaryOperator combiner() {
        return switch (aggregate) {
            case "min" -> Math::min;
            case "sum" -> Double::sum;
            default -> Math::max;
        };
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must not be blank");
        }
    }
}
