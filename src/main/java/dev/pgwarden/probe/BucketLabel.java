package dev.pgwarden.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bucket labels of bpftrace's text output: {@code [4, 8)}, {@code [1]}, {@code (..., 0)},
 * {@code [256K, ...)}, and the {@code < N} / {@code >= N} spelling. Suffixes K, M, G, T, P, E are
 * powers of 1024, as bpftrace prints them.
 */
final class BucketLabel {

    private static final String VALUE = "(-?\\d+[KMGTPE]?)";
    private static final Pattern RANGE = Pattern.compile("\\[\\s*" + VALUE + "\\s*,\\s*" + VALUE + "\\s*\\)");
    private static final Pattern SINGLE = Pattern.compile("\\[\\s*" + VALUE + "\\s*]");
    private static final Pattern OPEN_BELOW = Pattern.compile("\\(\\s*\\.\\.\\.\\s*,\\s*" + VALUE + "\\s*\\)|<\\s*" + VALUE);
    private static final Pattern OPEN_ABOVE = Pattern.compile("\\[\\s*" + VALUE + "\\s*,\\s*\\.\\.\\.\\s*\\)|>=\\s*" + VALUE);

    /** Inclusive lower and exclusive upper bound; either may be {@code null} for an open bucket. */
    record Bounds(Long lower, Long upper) {
    }

    private BucketLabel() {
    }

    /** The bounds, or {@code null} when {@code label} is not a bucket label. */
    static Bounds parse(String label) {
        Matcher m;
        if ((m = RANGE.matcher(label)).matches()) {
            return new Bounds(value(m.group(1)), value(m.group(2)));
        }
        if ((m = SINGLE.matcher(label)).matches()) {
            long v = value(m.group(1));
            return new Bounds(v, v + 1);
        }
        if ((m = OPEN_BELOW.matcher(label)).matches()) {
            return new Bounds(null, value(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        if ((m = OPEN_ABOVE.matcher(label)).matches()) {
            return new Bounds(value(m.group(1) != null ? m.group(1) : m.group(2)), null);
        }
        return null;
    }

    static long value(String text) {
        char last = text.charAt(text.length() - 1);
        int power = "KMGTPE".indexOf(last) + 1;
        if (power == 0) {
            return Long.parseLong(text);
        }
        long number = Long.parseLong(text.substring(0, text.length() - 1));
        return Math.multiplyExact(number, 1L << (10 * power));
    }
}
