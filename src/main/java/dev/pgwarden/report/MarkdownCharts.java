package dev.pgwarden.report;

import dev.pgwarden.results.Finding;
import dev.pgwarden.results.LatencyChart;

/** A finding's latency histogram, drawn as a text bar chart in a code block under the finding. */
final class MarkdownCharts {

    private MarkdownCharts() {
    }

    static void append(StringBuilder md, Finding finding) {
        Object chart = finding.evidence().get(LatencyChart.EVIDENCE);
        if (chart == null) {
            return;
        }
        md.append("  ```text\n");
        String.valueOf(chart).lines().forEach(line -> md.append("  ").append(line.replace("```", "'''")).append('\n'));
        md.append("  ```\n\n");
    }
}
