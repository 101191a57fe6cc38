package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pgwarden.facts.BaselineFile;
import dev.pgwarden.facts.Measurement;
import dev.pgwarden.rules.RuleCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported rules are valid for Debian's promtool, and each alert fires with its labels on a series that
 * crosses its bound and stays quiet on one that reaches the bound without crossing it. Every built-in check
 * is exported, so a check added later is held to the same.
 */
class PrometheusRulesExportTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Pattern EXPR = Pattern.compile("(\\w+)\\{check=\"([^\"]+)\"(?:,status=\"failed\")?} (>|>=|<|<=|==) (\\S+)");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path dir;
    private static CommandLineRun run;
    private static JsonNode rules;

    @BeforeAll
    static void export() throws Exception {
        BaselineFile.write(dir.resolve("baseline.json"), "db", 170000, List.of(
                new Measurement("postgres", "xid_age", 1000, 0), new Measurement("app", "xid_age", 2500, 0),
                new Measurement("connections", "used_fraction", 0.25, 0), new Measurement("public.t", "n_dead_tup", 10, 0)));
        List<String> args = new ArrayList<>(List.of("export", "prometheus-rules", "--baseline", dir.resolve("baseline.json").toString(),
                "--set", "xid-age.warn_age=600000000", "--set", "baseline-regression.regression_pct=50",
                "--out", dir.resolve("rules.yaml").toString()));
        RuleCatalog.builtIn().ids().forEach(id -> args.addAll(List.of("--check", id)));
        run = CommandLineRun.of(args.toArray(String[]::new));
        rules = YAML.readTree(dir.resolve("rules.yaml").toFile());
    }

    @Test
    void thresholdsComeFromTheParametersAfterSetWithTheirSeverities() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rule("PgwardenXidAgeMaxWarning").path("expr").asText()).isEqualTo("pgwarden_xid_age_max{check=\"xid-age\"} > 600000000");
        assertThat(rule("PgwardenXidAgeMaxCritical").path("labels").path("severity").asText()).isEqualTo("critical");
        // p99_critical is a duration, 50ms, judged inclusively; the measure is in seconds.
        assertThat(rule("PgwardenReadLatencyP99SecondsCritical").path("expr").asText())
                .isEqualTo("pgwarden_read_latency_p99_seconds{check=\"read-latency\"} >= 0.05");
        assertThat(rule("PgwardenOldestTransactionSecondsWarning").path("expr").asText()).endsWith(" > 300");
        assertThat(rule("PgwardenXidAgeMaxWarning").path("annotations").path("explain").asText()).isEqualTo("pgwarden explain xid-age");
        assertThat(rule("PgwardenXidAgeMaxWarning").path("annotations").path("remediation").asText()).contains("vacuumdb --freeze");
    }

    @Test
    void aBaselineBoundsEachMeasureItStandsForAtRegressionPctAboveTheSavedValue() {
        // The largest saved xid_age (2500), as xid_age_max is the largest, raised by 50%.
        assertThat(rule("PgwardenXidAgeMaxAboveBaseline").path("expr").asText()).isEqualTo("pgwarden_xid_age_max{check=\"xid-age\"} > 3750");
        assertThat(rule("PgwardenConnectionsUsedFractionAboveBaseline").path("expr").asText()).endsWith(" > 0.375");
        assertThat(run.err()).contains("n_dead_tup").doesNotContain("xid_age,");
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (Debian package prometheus)");
        Result check = promtool("check", "rules", dir.resolve("rules.yaml").toString());
        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void eachAlertFiresOnASeriesCrossingItsBoundAndNotOnOneReachingIt() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (Debian package prometheus)");
        ObjectNode tests = YAML.createObjectNode();
        tests.putArray("rule_files").add(dir.resolve("rules.yaml").toString());
        tests.put("evaluation_interval", "1m");
        ArrayNode cases = tests.putArray("tests");
        int count = 0;
        for (JsonNode rule : allRules()) {
            Matcher m = EXPR.matcher(rule.path("expr").asText());
            assertThat(m.matches()).as("expression of %s: %s", rule.path("alert"), rule.path("expr")).isTrue();
            BigDecimal bound = new BigDecimal(m.group(4));
            BigDecimal step = bound.abs().multiply(new BigDecimal("0.01")).max(new BigDecimal("0.000001"));
            boolean upward = m.group(3).startsWith(">") || m.group(3).equals("==");
            BigDecimal crossing = m.group(3).equals("==") ? bound : upward ? bound.add(step) : bound.subtract(step);
            BigDecimal reaching = m.group(3).equals("==") ? BigDecimal.ZERO
                    : m.group(3).length() == 1 ? bound : upward ? bound.subtract(step) : bound.add(step);
            cases.add(testCase(m, crossing));
            cases.add(testCase(m, reaching));
            count++;
        }
        assertThat(count).isGreaterThan(RuleCatalog.builtIn().ids().size());
        Path file = dir.resolve("rules_test.yaml");
        YAML.writeValue(file.toFile(), tests);
        Result test = promtool("test", "rules", file.toString());
        assertThat(test.code()).as(test.output()).isZero();
    }

    /** One series at one value, and for every alert on that series whether it fires, as the rules say. */
    private static ObjectNode testCase(Matcher series, BigDecimal value) {
        String metric = series.group(1);
        String check = series.group(2);
        String target = "db-" + check;
        boolean status = metric.equals("pgwarden_check_status");
        ObjectNode test = YAML.createObjectNode().put("interval", "1m");
        test.putArray("input_series").addObject()
                .put("series", metric + "{target=\"" + target + "\",check=\"" + check + "\"" + (status ? ",status=\"failed\"" : "") + "}")
                .put("values", value.toPlainString() + " " + value.toPlainString());
        ArrayNode expected = test.putArray("alert_rule_test");
        List<String> seen = new ArrayList<>();
        for (JsonNode rule : allRules()) {
            Matcher m = EXPR.matcher(rule.path("expr").asText());
            String alert = rule.path("alert").asText();
            if (!m.matches() || !m.group(1).equals(metric) || !m.group(2).equals(check) || seen.contains(alert)) {
                continue;
            }
            seen.add(alert);
            ObjectNode one = expected.addObject().put("eval_time", "1m").put("alertname", alert);
            ArrayNode alerts = one.putArray("exp_alerts");
            for (JsonNode same : allRules()) {
                Matcher s = EXPR.matcher(same.path("expr").asText());
                if (same.path("alert").asText().equals(alert) && s.matches() && s.group(1).equals(metric)
                        && s.group(2).equals(check) && crosses(value, s.group(3), new BigDecimal(s.group(4)))) {
                    ObjectNode labels = alerts.addObject().set("exp_labels", same.path("labels").deepCopy());
                    ((ObjectNode) labels.get("exp_labels")).put("target", target);
                    if (status) {
                        ((ObjectNode) labels.get("exp_labels")).put("status", "failed");
                    }
                    ObjectNode annotations = labels.putObject("exp_annotations");
                    same.path("annotations").fields().forEachRemaining(a ->
                            annotations.put(a.getKey(), a.getValue().asText().replace("{{ $labels.target }}", target)));
                }
            }
        }
        return test;
    }

    private static boolean crosses(BigDecimal value, String comparison, BigDecimal bound) {
        int c = value.compareTo(bound);
        return switch (comparison) {
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            default -> c == 0;
        };
    }

    private static List<JsonNode> allRules() {
        List<JsonNode> all = new ArrayList<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(all::add));
        return all;
    }

    private static JsonNode rule(String alert) {
        return allRules().stream().filter(r -> r.path("alert").asText().equals(alert)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + alert + " in " + rules));
    }

    private record Result(int code, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
