package dev.pgwarden.report;

import dev.pgwarden.results.Finding;
import dev.pgwarden.results.HistogramSeries;
import dev.pgwarden.results.LatencyChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Latency histograms drawn as text bar charts in code blocks: a finding's under the finding, and the run's probe
 * histograms (read and statement latency) in a section of their own, so they are seen when their checks pass too.
 */
final class MarkdownCharts {

    private MarkdownCharts() {
    }

    static void append(StringBuilder md, Finding finding) {
        Object chart = finding.evidence().get(LatencyChart.EVIDENCE);
        if (chart != null) {
            block(md, "  ", String.valueOf(chart));
        }
    }

    /** The run's histograms that counted anything, each under its name and labels. */
    static void appendRun(StringBuilder md, List<HistogramSeries> histograms) {
        List<HistogramSeries> drawn = histograms.stream().filter(h -> h.count() > 0).toList();
        if (drawn.isEmpty()) {
            return;
        }
        md.append("### Probe histograms\n\n");
        for (HistogramSeries series : drawn) {
            Map<String, String> labels = new TreeMap<>(series.labels());
            md.append("`").append(series.name()).append("`").append(labels.isEmpty() ? ""
                    : " " + labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "(", ")")))
                    .append(String.format(": %d samples%n%n", series.count()));
            block(md, "", LatencyChart.render(buckets(series)));
        }
    }

    /** The probe's buckets are log2: each holds [upper / 2, upper), the first from 0 when its upper bound is 1 µs. */
    private static List<LatencyChart.Bucket> buckets(HistogramSeries series) {
        List<LatencyChart.Bucket> buckets = new ArrayList<>();
        long previousUpper = 0;
        for (HistogramSeries.Bucket b : series.buckets()) {
            Long upperUs = b.upperSeconds() == null ? null : Math.round(b.upperSeconds() * 1e6);
            long lowerUs = upperUs == null ? previousUpper : upperUs <= 1 ? 0 : upperUs / 2;
            buckets.add(new LatencyChart.Bucket(lowerUs, upperUs, b.count()));
            previousUpper = upperUs == null ? previousUpper : upperUs;
        }
        return buckets;
    }

    private static void block(StringBuilder md, String indent, String chart) {
        md.append(indent).append("```text\n");
        chart.lines().forEach(line -> md.append(indent).append(line.replace("```", "'''")).append('\n'));
        md.append(indent).append("```\n\n");
    }
}
