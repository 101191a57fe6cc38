package dev.pgwarden.rules;

import java.util.Locale;
import java.util.Objects;

/**
 * A value a check measures from its facts whether or not it fails, as {@code rules/<id>.yaml} declares it
 * under {@code measures}: the largest (or smallest, or summed) value of one record component over the facts
 * of one type, times {@code scale}.
 *
 * @param fact      the fact record's simple name, as the DRL names it ({@code DatabaseAge})
 * @param field     the record component ({@code xidAge})
 * @param aggregate {@code max} (default), {@code min} or {@code sum}
 * @param scale     multiplies the value, to turn it into a base unit (1e-6 for microseconds to seconds)
 */
public record MeasureSpec(String fact, String field, String aggregate, Double scale, String help) {

    public MeasureSpec {
        requireText(fact, "fact");
        requireText(field, "field");
        aggregate = aggregate == null ? "max" : aggregate.toLowerCase(Locale.ROOT);
        if (!aggregate.equals("max") && !aggregate.equals("min") && !aggregate.equals("sum")) {
            throw new IllegalArgumentException("'aggregate' must be max, min or sum, got '" + aggregate + "'");
        }
        scale = scale == null ? 1.0 : scale;
        help = Objects.requireNonNullElse(help, "");
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must not be blank");
        }
    }
}
