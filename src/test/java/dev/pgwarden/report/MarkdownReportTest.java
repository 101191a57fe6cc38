package dev.pgwarden.report;

import static dev.pgwarden.testing.ReportTarget.CRITICAL_CHECK;
import static dev.pgwarden.testing.ReportTarget.PASSING_CHECK;
import static dev.pgwarden.testing.ReportTarget.UNHEALTHY_TABLE;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.HistogramSeries;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.testing.ReportTarget;
import java.time.Instant;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgwarden.md from a real run: a row per check, then each finding with what to run. */
class MarkdownReportTest {

    private static String markdown;

    @BeforeAll
    static void run() throws Exception {
        markdown = Files.readString(ReportTarget.get().allFormats().dir().resolve(MarkdownReport.FILE_NAME));
    }

    @Test
    void summaryTableHasARowPerCheckWithStatusSeverityAndFindings() {
        List<String> rows = markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| status") && !l.startsWith("| ---")).toList();

        assertThat(rows).hasSize(4);
        assertThat(rows).anyMatch(r -> r.startsWith("| ❌ failed | `" + WARNING_CHECK + "` | warning | 1 |"));
        assertThat(rows).anyMatch(r -> r.startsWith("| ❌ failed | `" + CRITICAL_CHECK + "` | critical | 1 |"));
        assertThat(rows).anyMatch(r -> r.startsWith("| ✅ passed | `" + PASSING_CHECK + "` | critical | 0 |"));
        assertThat(markdown).contains("2 passed, 2 failed, 0 skipped, 0 errors in ");
    }

    @Test
    void findingsNameTheObjectWithRemediationAndRollback() {
        assertThat(markdown).contains("### `" + WARNING_CHECK + "`: Tables have current planner statistics")
                .contains("- **warning** `" + UNHEALTHY_TABLE + "`: about 5000 rows and never analyzed")
                .contains("  ```\n  ANALYZE (VERBOSE) public.customers;\n  Analyze in the migration that loads a table")
                .contains("  Rollback:\n\n  ```\n  No rollback is needed");
        assertThat(markdown).doesNotContain("### `" + PASSING_CHECK + "`");
    }

    @Test
    void theRunsProbeHistogramsAreDrawnWhetherTheirChecksPassOrFail() {
        HistogramSeries statements = new HistogramSeries("query_latency_seconds", "statement latency per database",
                java.util.Map.of("database", "app"), List.of(new HistogramSeries.Bucket(0.002048, 900),
                new HistogramSeries.Bucket(0.004096, 80), new HistogramSeries.Bucket(0.065536, 20), new HistogramSeries.Bucket(null, 1)), null);
        HistogramSeries empty = new HistogramSeries("read_latency_seconds", "reads", java.util.Map.of("histogram", "device_io"),
                List.of(), null);
        RunSummary run = new RunSummary("postgresql://db/app", Instant.parse("2026-12-07T20:00:00Z"), 10, List.of(), null, false)
                .withHistograms(List.of(statements, empty));

        String md = new MarkdownReport().render(run);

        assertThat(md).contains("### Probe histograms\n\n`query_latency_seconds` (database=app): 1001 samples\n\n```text\n")
                .contains("1 ms–2 ms │████████████████████████████████████████ 900")
                .contains("32.8 ms–65.5 ms │█ 20").contains("65.5 ms–… │█ 1")
                .doesNotContain("read_latency_seconds");
    }
}
