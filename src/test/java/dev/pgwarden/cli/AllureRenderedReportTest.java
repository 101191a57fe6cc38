package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.report.AllureReport;
import dev.pgwarden.report.RunProperties;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allure as an auditor reads it, rendered by the real Allure CLI from two pgwarden runs (the second carrying the
 * first report's history, as in a GitHub Actions build) and loaded in headless Chromium: the page shows pgwarden's
 * categories, the executor's build name, a failing check's remediation and a trend of two runs. Skipped where
 * {@code allure} (npm's allure-commandline) or {@code chromium} is missing.
 */
class AllureRenderedReportTest {

    /** The variables of build {@code number} of a GitHub Actions workflow. */
    private static Map<String, String> github(int number) {
        return Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "example/app",
                "GITHUB_RUN_ID", "42" + number, "GITHUB_RUN_NUMBER", String.valueOf(number), "GITHUB_WORKFLOW", "db-audit");
    }
    private static String url;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    @BeforeAll
    static void tools() throws Exception {
        assumeTrue(onPath("allure"), "allure (npm's allure-commandline) is not on PATH");
        assumeTrue(onPath("chromium"), "chromium is not on PATH");
        EmbeddedPostgres postgres = PostgresServers.shared(17);
        String database = createDatabase(postgres, "allure");
        url = MonitorRole.urlFor(postgres, database);
        Problems.neverAnalyzedTable(postgres, database, "never_analyzed", 1500);
        PostgresServers.execute(postgres, database, "CREATE SEQUENCE order_ids MAXVALUE 100", "SELECT setval('order_ids', 96)",
                "GRANT SELECT ON SEQUENCE order_ids TO monitor_" + database);
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** As {@code check --format allure --report-dir DIR [--allure-history H]} runs in a CI build with GITHUB. */
    private static void run(Path directory, Path history, int build) throws IOException {
        ReportFormats reports = ReportFormats.parse(List.of("allure"), directory, true, new RunProperties("test", "default"))
                .allureFrom(github(build), history);
        Map<String, String> configuration = new LinkedHashMap<>(Map.of(Constants.URL, url,
                Constants.CHECKS, "missing-analyze,sequence-exhaustion,xid-age"));
        RunSummary run = new CheckLauncher().run("allure", configuration, reports.listeners());
        reports.write(run, new PrintWriter(new StringWriter()), Severity.WARNING);
    }

    private static String command(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }

    private static String rendered(Path report, String route) throws Exception {
        List<String> chromium = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--allow-file-access-from-files", "--virtual-time-budget=15000", "--dump-dom",
                report.resolve("index.html").toUri() + route));
        return command(work, chromium.toArray(String[]::new));
    }

    private static boolean trendChartDrawn(String page) {
        int chart = page.indexOf("class=\"history-trend__chart\"");
        return chart >= 0 && page.indexOf("chart__axis_y", chart) >= 0;
    }

    @Test
    void twoRunsWithHistoryRenderCategoriesExecutorRemediationAndTrend() throws Exception {
        run(work.resolve("first"), null, 16);
        command(work, "allure", "generate", "--clean", work.resolve("first/allure-results").toString(), "-o", work.resolve("report-1").toString());
        run(work.resolve("second"), work.resolve("report-1"), 17);
        assertThat(work.resolve("second/allure-results/history/history.json")).exists();
        command(work, "allure", "generate", "--clean", "--single-file", work.resolve("second/allure-results").toString(),
                "-o", work.resolve("report-2").toString());
        command(work, "allure", "generate", "--clean", work.resolve("second/allure-results").toString(), "-o", work.resolve("data-2").toString());

        JsonNode trend = new ObjectMapper().readTree(work.resolve("data-2/widgets/history-trend.json").toFile());
        assertThat(trend).hasSize(2);

        String overview = rendered(work.resolve("report-2"), "");
        // headless chromium now and then dumps the page before the trend chart is drawn: render it again, twice at most
        for (int attempt = 1; attempt < 3 && !trendChartDrawn(overview); attempt++) {
            overview = rendered(work.resolve("report-2"), "");
        }
        Files.writeString(work.resolve("overview.html"), overview);
        assertThat(overview).contains("Critical findings", "Warnings", "db-audit #17", "GitHub Actions");
        // The history trend has a slice per run, its x axis labelled with their build numbers.
        String chart = overview.substring(overview.indexOf("class=\"history-trend__chart\""));
        chart = chart.substring(0, chart.indexOf("chart__axis_y"));
        assertThat(chart.split("class=\"report-line\"", -1)).hasSize(3);
        assertThat(chart).contains(">#16</text>", ">#17</text>");

        String categories = rendered(work.resolve("report-2"), "#categories");
        Files.writeString(work.resolve("categories.html"), categories);
        assertThat(categories).contains("Critical findings", "Warnings");

        JsonNode tree = new ObjectMapper().readTree(work.resolve("data-2/data/categories.json").toFile());
        JsonNode critical = find(tree.path("children"), "Critical findings");
        String uid = critical.path("children").get(0).path("uid").asText();
        String result = rendered(work.resolve("report-2"), "#categories/" + critical.path("uid").asText() + "/" + uid);
        Files.writeString(work.resolve("result.html"), result);
        assertThat(result).contains("sequence-exhaustion", "Widen it");
        assertThat(AllureReport.DIRECTORY).isEqualTo("allure-results");
    }

    private static JsonNode find(JsonNode children, String name) {
        for (JsonNode child : children) {
            if (child.path("name").asText().equals(name)) {
                return child;
            }
        }
        throw new AssertionError("no category " + name + " in " + children);
    }
}
