package dev.pgwarden.report;

import static dev.pgwarden.testing.ReportTarget.CRITICAL_CHECK;
import static dev.pgwarden.testing.ReportTarget.PASSING_CHECK;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.ReportTarget;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgwarden.prom from a real run, parsed as the text exposition format. */
class PrometheusReportTest {

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

    private static double value(String name, String check, String status) {
        return SAMPLES.stream()
                .filter(s -> s.name().equals(name) && check.equals(s.labels().get("check"))
                        && (status == null || status.equals(s.labels().get("status"))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " for " + check)).value();
    }
}
