package dev.pgwarden.rules;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations and sizes that parameters accept. Durations become microseconds and sizes bytes,
 * so rules compare plain numbers.
 */
public final class Quantity {

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");
    private static final Map<String, Long> DURATION_UNITS = Map.of(
            "us", 1L, "ms", 1_000L, "s", 1_000_000L, "min", 60_000_000L, "h", 3_600_000_000L, "d", 86_400_000_000L);
    private static final Map<String, Long> SIZE_UNITS = Map.of(
            "b", 1L, "kb", 1L << 10, "mb", 1L << 20, "gb", 1L << 30, "tb", 1L << 40);

    private Quantity() {
    }

    /** {@code 250ms} → 250000. Accepts us, ms, s, min, h, d. */
    public static long durationMicros(String text) {
        return parse(text, DURATION_UNITS, "a duration such as 500us, 10ms, 30s, 5min, 12h or 7d");
    }

    /** {@code 250ms} as a {@link java.time.Duration}, for options that take one. */
    public static java.time.Duration duration(String text) {
        long micros = durationMicros(text);
        if (micros > Long.MAX_VALUE / 1_000L) {
            throw new IllegalArgumentException("too large: '" + text + "'");
        }
        return java.time.Duration.ofNanos(micros * 1_000L);
    }

    /** {@code 1GB} → 1073741824. Accepts kB, MB, GB, TB (powers of 1024, like PostgreSQL). */
    public static long sizeBytes(String text) {
        return parse(text, SIZE_UNITS, "a size such as 8kB, 100MB, 1GB or 2TB");
    }

    private static long parse(String text, Map<String, Long> units, String expected) {
        Matcher m = NUMBER_AND_UNIT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
        }
        Long factor = units.get(m.group(2).toLowerCase(Locale.ROOT));
        if (factor == null) {
            throw new IllegalArgumentException("unknown unit '" + m.group(2) + "': expected " + expected);
        }
        double value = Double.parseDouble(m.group(1));
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative, got '" + text + "'");
        }
        double scaled = value * factor;
        if (scaled > Long.MAX_VALUE) {
            throw new IllegalArgumentException("too large: '" + text + "'");
        }
        return Math.round(scaled);
    }
}
