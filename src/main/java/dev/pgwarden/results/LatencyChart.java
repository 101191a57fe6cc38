package dev.pgwarden.results;

import java.util.List;
import java.util.Locale;

/**
 * A latency histogram as a text bar chart, one line per log2 bucket, so a finding's evidence shows its shape where
 * people read it (the Markdown report, Allure's evidence, the JSON): {@code   2–4 ms │██████████ 4803}.
 */
public final class LatencyChart {

    /** The evidence key under which a finding carries its chart. */
    public static final String EVIDENCE = "latency_chart";

    private static final int WIDTH = 40;

    private LatencyChart() {
    }

    /** One bucket: {@code lowerUs <= v < upperUs} ({@code upperUs} null when open), and its count. */
    public record Bucket(long lowerUs, Long upperUs, long count) {
    }

    public static String render(List<Bucket> buckets) {
        long most = buckets.stream().mapToLong(Bucket::count).max().orElse(0);
        StringBuilder chart = new StringBuilder();
        for (Bucket b : buckets) {
            int bar = most == 0 ? 0 : (int) Math.round((double) b.count() * WIDTH / most);
            String label = time(b.lowerUs()) + "–" + (b.upperUs() == null ? "…" : time(b.upperUs()));
            chart.append(String.format(Locale.ROOT, "%17s │%s %d%n", label,
                    "█".repeat(bar == 0 && b.count() > 0 ? 1 : bar), b.count()));
        }
        return chart.toString();
    }

    private static String time(long us) {
        if (us >= 1_000_000) {
            return Measurement.text(Math.round(us / 100_000.0) / 10.0) + " s";
        }
        if (us >= 1000) {
            return Measurement.text(Math.round(us / 100.0) / 10.0) + " ms";
        }
        return us + " µs";
    }
}
