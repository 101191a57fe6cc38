package dev.pgwarden.results;

import java.util.Objects;

/**
 * A key value a check read from its facts, such as the oldest database's transaction ID age.
 *
 * @param name  snake_case, unit last where it has one ({@code read_latency_p99_seconds})
 * @param help  what the value is, in one sentence
 */
public record Measurement(String name, double value, String help) {

    public Measurement {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("measurement name must be snake_case, got '" + name + "'");
        }
        help = Objects.requireNonNullElse(help, "");
    }

    /** The value as reports print it: whole numbers without a fraction, never in exponent notation. */
    public String valueText() {
        return text(value);
    }

    /** A number as reports print it: whole numbers without a fraction, never in exponent notation. */
    public static String text(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
