package dev.pgwarden.report;

import static dev.pgwarden.testing.ReportTarget.CRITICAL_CHECK;
import static dev.pgwarden.testing.ReportTarget.PASSING_CHECK;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwarden.testing.ReportTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgwarden.prom from a real run, parsed as the text exposition format. */
class PrometheusReportTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)} (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static String text;
    private static final List<Sample> SAMPLES = new ArrayList<>();

    record Sample(String name, Map<String, String> labels, double value) {
    }

    @BeforeAll
    static void run() throws Exception {
        text = Files.readString(ReportTarget.get().allFormats().dir().resolve(PrometheusReport.FILE_NAME));
        text.lines().filter(l -> !l.startsWith("#")).forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("sample line: " + line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            SAMPLES.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        });
    }

    @Test
    void everyFamilyHasHelpAndTypeOnceBeforeItsSamples() {
        Set<String> declared = new HashSet<>();
        String current = null;
        for (String line : text.lines().toList()) {
            if (line.startsWith("# TYPE ")) {
                current = line.split(" ")[2];
                assertThat(declared.add(current)).as("family declared twice: " + current).isTrue();
                assertThat(line).endsWith(" gauge");
            } else if (!line.startsWith("#")) {
                assertThat(line).startsWith(current + "{");
            }
        }
        assertThat(text).endsWith("\n");
    }

    @Test
    void statusFindingsAndDurationPerCheck() {
        assertThat(value("pgwarden_check_status", WARNING_CHECK, "failed")).isEqualTo(1);
        assertThat(value("pgwarden_check_status", WARNING_CHECK, "passed")).isEqualTo(0);
        assertThat(value("pgwarden_check_status", PASSING_CHECK, "passed")).isEqualTo(1);
        assertThat(value("pgwarden_check_findings", WARNING_CHECK, null)).isEqualTo(1);
        assertThat(value("pgwarden_check_findings", PASSING_CHECK, null)).isEqualTo(0);
        assertThat(value("pgwarden_check_duration_seconds", WARNING_CHECK, null)).isBetween(0.0, 60.0);
        assertThat(SAMPLES).filteredOn(s -> s.name().equals("pgwarden_up")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(1));
    }

    @Test
    void measuredValuesAppearForPassingAndFailingChecks() {
        assertThat(value("pgwarden_xid_age_max", PASSING_CHECK, null)).isGreaterThan(0).isLessThan(1_000_000);
        assertThat(value("pgwarden_connections_used_fraction", CRITICAL_CHECK, null)).isGreaterThan(0).isLessThan(1);
        assertThat(text).contains("# HELP pgwarden_xid_age_max the largest age(datfrozenxid) of any database");
    }

    @Test
    void labelsNameTargetAndCheck() {
        Sample sample = SAMPLES.stream().filter(s -> s.name().equals("pgwarden_check_findings")).findFirst().orElseThrow();
        assertThat(sample.labels()).containsKeys("target", "check");
        assertThat(sample.labels().get("target")).startsWith("postgresql://postgres@localhost:");
    }

    @Test
    void theProbesStatementLatencyIsAPrometheusHistogramPerDatabaseAndForTheCluster() throws Exception {
        ReportTarget.Reports run = ReportTarget.get().traced();
        assertThat(run.run().exitCode()).as(run.run().err()).isEqualTo(1);
        String traced = Files.readString(run.dir().resolve(PrometheusReport.FILE_NAME));
        List<String> lines = traced.lines().toList();

        assertThat(lines).contains("# TYPE pgwarden_query_latency_seconds histogram",
                "# TYPE pgwarden_cluster_query_latency_seconds histogram");
        List<String> buckets = lines.stream().filter(l -> l.startsWith("pgwarden_query_latency_seconds_bucket{")).toList();
        assertThat(buckets).allMatch(l -> l.contains("database=\"postgres\""));
        // bpftrace's [1024, 2048) µs bucket holds statements that took less than 2.048 ms; counts are cumulative
        assertThat(buckets).anyMatch(l -> l.contains("le=\"0.002048\""));
        List<Long> counts = buckets.stream().map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).toList();
        assertThat(counts).isSorted();
        assertThat(buckets.get(buckets.size() - 1)).contains("le=\"+Inf\"");
        long count = Long.parseLong(lines.stream().filter(l -> l.startsWith("pgwarden_query_latency_seconds_count{"))
                .findFirst().orElseThrow().replaceAll(".* ", ""));
        assertThat(count).isEqualTo(counts.get(counts.size() - 1)).isGreaterThan(1000);
        // a database's sum is not measured, so it is left out; the cluster's is the statements' summed time
        assertThat(traced).doesNotContain("pgwarden_query_latency_seconds_sum")
                .contains("pgwarden_cluster_query_latency_seconds_sum{target=");
        // the probe's read histogram too: 120 + 40 samples under 16 µs, 163 in all
        assertThat(lines).anyMatch(l -> l.startsWith("pgwarden_probe_read_latency_seconds_bucket{")
                && l.contains("histogram=\"reads\",le=\"0.000016\"} 160"))
                .anyMatch(l -> l.startsWith("pgwarden_probe_read_latency_seconds_count{") && l.endsWith("} 163"));

        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (Debian package prometheus)");
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var in = promtool.getOutputStream()) {
            in.write(traced.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as(output).isZero();
    }

    private static double value(String name, String check, String status) {
        return SAMPLES.stream()
                .filter(s -> s.name().equals(name) && check.equals(s.labels().get("check"))
                        && (status == null || status.equals(s.labels().get("status"))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " for " + check)).value();
    }
}
