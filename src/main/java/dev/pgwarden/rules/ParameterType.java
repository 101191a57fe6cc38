package dev.pgwarden.rules;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The kinds of values a check parameter takes, and how each reaches the rules. */
public enum ParameterType {
    /** A whole number; reaches rules as a long. */
    INTEGER,
    /** A decimal number; reaches rules as a double. */
    NUMBER,
    /** A number from 0 to 1; reaches rules as a double. */
    FRACTION,
    /** A duration with a unit (us, ms, s, min, h, d); reaches rules as microseconds. */
    DURATION,
    /** A size with a unit (kB, MB, GB, TB); reaches rules as bytes. */
    SIZE,
    /** true or false; reaches rules (and fact queries) as 1 or 0, so it binds like the other numbers. */
    BOOLEAN;

    @JsonCreator
    public static ParameterType parse(String text) {
        for (ParameterType type : values()) {
            if (type.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown parameter type '" + text + "' (known: integer, number, fraction, duration, size, boolean)");
    }

    /** The value as rules see it; throws IllegalArgumentException saying what was expected. */
    public Number convert(String text) {
        String value = text == null ? "" : text.trim();
        try {
            return switch (this) {
                case INTEGER -> nonNegative(Long.parseLong(value.replace("_", "")));
                case NUMBER -> nonNegative(finite(value));
                case FRACTION -> fraction(finite(value));
                case DURATION -> Quantity.durationMicros(value);
                case SIZE -> Quantity.sizeBytes(value);
                case BOOLEAN -> bool(value);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + describe() + ", got '" + text + "'");
        }
    }

    public String describe() {
        return switch (this) {
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case FRACTION -> "a fraction from 0 to 1";
            case DURATION -> "a duration (us, ms, s, min, h, d)";
            case SIZE -> "a size (kB, MB, GB, TB)";
            case BOOLEAN -> "true or false";
        };
    }

    private static Long bool(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> 1L;
            case "false" -> 0L;
            default -> throw new NumberFormatException(value);
        };
    }

    /** NaN and Infinity parse as doubles, but every comparison with NaN is false: a rule would never fire. */
    private static double finite(String value) {
        double d = Double.parseDouble(value);
        if (!Double.isFinite(d)) {
            throw new NumberFormatException(value);
        }
        return d;
    }

    private static <N extends Number> N nonNegative(N n) {
        if (n.doubleValue() < 0) {
            throw new IllegalArgumentException("must not be negative, got " + n);
        }
        return n;
    }

    private static Double fraction(double d) {
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException("expected a fraction from 0 to 1, got " + d);
        }
        return d;
    }
}
