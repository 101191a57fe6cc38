package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.HistogramSeries;
import dev.pgwarden.results.Measurement;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code pgwarden.prom}: a node_exporter textfile-collector file with each check's status, findings and
 * duration, and the values the checks measured, labelled by target and check. Written atomically, so the
 * collector never reads half a file.
 */
public final class PrometheusReport {

    public static final String FILE_NAME = "pgwarden.prom";

    /** The series name under which a check's measure appears in the file, e.g. {@code pgwarden_xid_age_max}. */
    public static String metricName(String measure) {
        return "pgwarden_" + measure;
    }

    public Path write(RunSummary run, Path directory) throws IOException {
        return write(List.of(run), directory);
    }

    /** One file for a whole fleet: each family once, with a sample per target. */
    public Path write(List<RunSummary> runs, Path directory) throws IOException {
        return AtomicFile.write(directory.resolve(FILE_NAME), render(runs).getBytes(StandardCharsets.UTF_8));
    }

    String render(RunSummary run) {
        return render(List.of(run));
    }

    String render(List<RunSummary> runs) {
        PrometheusText text = new PrometheusText();
        PgwardenVersion pgwarden = PgwardenVersion.current();
        text.family("pgwarden_build_info", "gauge", "Always 1; the labels say which pgwarden checked the target.");
        for (RunSummary run : runs) {
            Map<String, String> build = new LinkedHashMap<>(Map.of("target", run.target()));
            build.put("version", pgwarden.version());
            build.put("commit", pgwarden.commit());
            text.sample("pgwarden_build_info", build, 1);
        }
        ProvenanceMetric.append(text, runs);
        text.family("pgwarden_up", "gauge", "1 when the target could be checked, 0 when it could not.");
        runs.forEach(run -> text.sample("pgwarden_up", Map.of("target", run.target()), run.targetFailed() ? 0 : 1));
        text.family("pgwarden_last_run_timestamp_seconds", "gauge", "When the run started, in seconds since the epoch.");
        runs.forEach(run -> text.sample("pgwarden_last_run_timestamp_seconds", Map.of("target", run.target()),
                run.startedAt().toEpochMilli() / 1000.0));
        List<CheckResult> checks = runs.stream().flatMap(run -> run.checks().stream()).toList();
        text.family("pgwarden_check_status", "gauge", "1 for the status the check ended in, 0 for the others.");
        for (CheckResult check : checks) {
            for (Status status : Status.values()) {
                text.sample("pgwarden_check_status", labels(check, "status", status.label()), check.status() == status ? 1 : 0);
            }
        }
        text.family("pgwarden_check_findings", "gauge", "Findings of the check (offending objects).");
        checks.forEach(check -> text.sample("pgwarden_check_findings", labels(check), check.findings().size()));
        text.family("pgwarden_check_duration_seconds", "gauge", "How long the check took, gathering its facts included.");
        checks.forEach(check -> text.sample("pgwarden_check_duration_seconds", labels(check), check.durationMs() / 1000.0));
        measurements(text, checks);
        histograms(text, runs);
        return text.toString();
    }

    /**
     * Each probe histogram as a Prometheus histogram: cumulative {@code _bucket} counts up to {@code le="+Inf"},
     * {@code _count}, and {@code _sum} only where the probe measured it (the format lets a histogram go without).
     */
    private static void histograms(PrometheusText text, List<RunSummary> runs) {
        Map<String, String> helps = new LinkedHashMap<>();
        runs.forEach(run -> run.histograms().forEach(h -> helps.putIfAbsent(h.name(), h.help())));
        helps.forEach((name, help) -> {
            String family = metricName(name);
            text.family(family, "histogram", help);
            for (RunSummary run : runs) {
                run.histograms().stream().filter(h -> h.name().equals(name)).forEach(h -> {
                    Map<String, String> labels = new LinkedHashMap<>(Map.of("target", run.target()));
                    labels.putAll(new TreeMap<>(h.labels()));
                    long cumulative = 0;
                    for (HistogramSeries.Bucket bucket : h.buckets()) {
                        cumulative += bucket.count();
                        if (bucket.upperSeconds() != null) {
                            text.sample(family + "_bucket", with(labels, "le", PrometheusText.number(bucket.upperSeconds())), cumulative);
                        }
                    }
                    text.sample(family + "_bucket", with(labels, "le", "+Inf"), cumulative);
                    if (h.sumSeconds() != null) {
                        text.sample(family + "_sum", labels, h.sumSeconds());
                    }
                    text.sample(family + "_count", labels, cumulative);
                });
            }
        });
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(name, value);
        return more;
    }

    /** One family per measured value, each sample labelled with the check that measured it. */
    private static void measurements(PrometheusText text, List<CheckResult> checks) {
        Map<String, String> helps = new LinkedHashMap<>();
        checks.forEach(c -> c.details().measurements().forEach(m -> helps.putIfAbsent(m.name(), m.help())));
        helps.forEach((name, help) -> {
            text.family(metricName(name), "gauge", help);
            for (CheckResult check : checks) {
                for (Measurement m : check.details().measurements()) {
                    if (m.name().equals(name)) {
                        text.sample(metricName(name), labels(check), m.value());
                    }
                }
            }
        });
    }

    private static Map<String, String> labels(CheckResult check, String... more) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("target", check.target());
        labels.put("check", check.id());
        for (int i = 0; i + 1 < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }
}
