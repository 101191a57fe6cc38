package dev.pgwarden.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way pgwarden's options spell them: {@code 500us}, {@code 250ms}, {@code 30s}, {@code 2min}. */
final class DurationParser {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(us|ms|s|min)");

    private DurationParser() {
    }

    /** @throws IllegalArgumentException with a message fit for the user */
    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a whole number with us, ms, s"
                    + " or min, e.g. 30s or 2min");
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    /**
     * The value of a duration option that must be at least a millisecond; messages start with the option's name.
     *
     * @param tooShort what to do instead, e.g. {@code trace for at least 1ms}
     */
    static Duration option(String name, String text, String tooShort) {
        try {
            Duration parsed = parse(text);
            if (parsed.toMillis() < 1) {
                throw new IllegalArgumentException("'" + text + "' is too short; " + tooShort);
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }
}
