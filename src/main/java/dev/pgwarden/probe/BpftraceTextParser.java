package dev.pgwarden.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads histograms from bpftrace's default text output.
 *
 * <p>A histogram starts with a line {@code @name:} or {@code @name[key]:} with nothing after the
 * colon, followed by one line per bucket: label, count and an optional bar. Other lines (the
 * "Attaching" banner, scalar maps like {@code @calls[psql]: 8}, printf output) are skipped; a
 * line that starts like a bucket but does not parse is an error, so truncated files are noticed.
 */
final class BpftraceTextParser {

    private static final Pattern HEADER = Pattern.compile("@(\\w*)(?:\\[(.*)])?:\\s*");
    private static final Pattern BUCKET = Pattern.compile("\\s*([\\[(<>].*?)\\s+(-?\\d+)\\s*(?:\\|.*)?");

    private final String source;

    BpftraceTextParser(String source) {
        this.source = source;
    }

    List<RawHistogram> parse(String text) {
        List<RawHistogram> found = new ArrayList<>();
        String name = null;
        String key = null;
        List<RawHistogram.RawBucket> buckets = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            Matcher header = HEADER.matcher(line);
            boolean bucketLike = !line.isBlank() && "[(<>".indexOf(line.strip().charAt(0)) >= 0;
            if (name != null && bucketLike) {
                buckets.add(bucket(line, i + 1));
                continue;
            }
            if (name != null) {
                found.add(new RawHistogram(name, key, buckets));
                name = null;
            }
            if (header.matches()) {
                name = header.group(1).isEmpty() ? "@" : header.group(1);
                key = header.group(2);
                buckets = new ArrayList<>();
            }
        }
        if (name != null) {
            found.add(new RawHistogram(name, key, buckets));
        }
        if (found.isEmpty()) {
            throw new ProbeFormatException(source, "no histogram found; expected bpftrace output with a line like"
                    + " '@us:' followed by buckets like '[4, 8)   12 |@@@@|'");
        }
        return found;
    }

    private RawHistogram.RawBucket bucket(String line, int lineNumber) {
        Matcher m = BUCKET.matcher(line);
        BucketLabel.Bounds bounds = m.matches() ? parseLabel(m.group(1), lineNumber) : null;
        if (bounds == null) {
            throw new ProbeFormatException(source, "line " + lineNumber + ": expected a histogram bucket like '[4, 8)   12 |@@@@|', found '"
                    + abbreviate(line) + "'");
        }
        long count = parseCount(m.group(2), lineNumber);
        return new RawHistogram.RawBucket(bounds.lower(), bounds.upper(), count, "line " + lineNumber);
    }

    private BucketLabel.Bounds parseLabel(String label, int lineNumber) {
        try {
            return BucketLabel.parse(label);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ProbeFormatException(source, "line " + lineNumber + ": bucket bound out of range in '" + label + "'");
        }
    }

    private long parseCount(String text, int lineNumber) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProbeFormatException(source, "line " + lineNumber + ": count out of range: " + text);
        }
    }

    static String abbreviate(String text) {
        String oneLine = text.strip();
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
