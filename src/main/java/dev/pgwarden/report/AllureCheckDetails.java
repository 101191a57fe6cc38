package dev.pgwarden.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.FactQuery;
import dev.pgwarden.results.LatencyChart;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.QueryPlans;
import dev.pgwarden.results.Severity;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Adds what a check's result says to the Allure test result of that check while it is still running:
 * labels (target as parent suite, category as feature, check id as story, severity), links to the
 * references, the description, parameters, and attachments with the findings, their evidence, latency charts and the SQL.
 */
final class AllureCheckDetails implements TestExecutionListener {

    /** The label naming a CIS PostgreSQL Benchmark control the check evaluates, one per control. */
    static final String CIS_LABEL = "cis";
    private static final Set<String> REPLACED = Set.of(ResultsUtils.PARENT_SUITE_LABEL_NAME, ResultsUtils.SUITE_LABEL_NAME,
            ResultsUtils.FEATURE_LABEL_NAME, ResultsUtils.STORY_LABEL_NAME, ResultsUtils.SEVERITY_LABEL_NAME);
    private final AllureLifecycle lifecycle;

    AllureCheckDetails(AllureLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        // Allure's own listener has started this test's result on this thread; updates go to it.
        CheckResultCodec.fromReportEntry(entry.getKeyValuePairs()).ifPresent(result -> {
            lifecycle.updateTestCase(test -> describe(test, result));
            attach(result);
        });
    }

    private static void describe(TestResult test, CheckResult result) {
        test.getLabels().removeIf(label -> REPLACED.contains(label.getName()));
        test.getLabels().addAll(labels(result));
        result.details().references().forEach(url -> test.getLinks().add(new Link().setName(url).setUrl(url).setType("link")));
        test.setDescription(result.details().description());
        if (!result.waived().isEmpty() && result.findings().isEmpty()) {
            // The message sorts the check into the "Waived findings" category of AllureCategories.
            test.setStatusDetails(new io.qameta.allure.model.StatusDetails().setMessage(result.waived().size() + " waived: "
                    + String.join("; ", result.waived().stream().map(w -> w.finding().object() + " (" + w.waiver().describe() + ")").toList())));
        }
        result.parameters().forEach((name, value) -> test.getParameters().add(ResultsUtils.createParameter(name, value)));
        // Measured values change every run; excluded, they do not split the check's history.
        result.details().measurements().forEach(m -> test.getParameters().add(
                new Parameter().setName(m.name()).setValue(m.valueText()).setExcluded(true)));
    }

    private static List<Label> labels(CheckResult result) {
        List<Label> labels = new java.util.ArrayList<>(List.of(ResultsUtils.createParentSuiteLabel(result.target()),
                ResultsUtils.createSuiteLabel(result.category()),
                ResultsUtils.createFeatureLabel(result.category()),
                ResultsUtils.createStoryLabel(result.id()),
                ResultsUtils.createSeverityLabel(severity(result.effectiveSeverity()))));
        // One "cis" label per control (Allure groups by a custom label) and a tag an auditor can filter by.
        result.details().controls().forEach(control -> {
            labels.add(new Label().setName(CIS_LABEL).setValue(control.id()));
            labels.add(ResultsUtils.createTagLabel(control.label()));
        });
        return labels;
    }

    static SeverityLevel severity(Severity severity) {
        return severity == Severity.CRITICAL ? SeverityLevel.CRITICAL : SeverityLevel.NORMAL;
    }

    private void attach(CheckResult result) {
        if (!result.findings().isEmpty()) {
            attachJson("findings", result.findings());
            attachJson("evidence", result.findings().stream().map(f -> Map.of("object", f.object(), "evidence", f.evidence())).toList());
            result.findings().forEach(this::attachPlans);
            result.findings().forEach(this::attachChart);
        }
        for (FactQuery query : result.details().queries()) {
            String text = "-- " + query.resource() + "\n" + query.sql() + "\n";
            lifecycle.addAttachment("SQL " + query.fact(), "text/plain", ".sql", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Each plan on its own, so it can be opened or pasted into a plan viewer as it is. */
    private void attachPlans(Finding finding) {
        for (Map<String, Object> statement : QueryPlans.statements(finding)) {
            Object plan = statement.get(QueryPlans.PLAN);
            if (plan != null) {
                attachJson("plan (" + statement.get(QueryPlans.PLAN_KIND) + ") of queryid:" + statement.get(QueryPlans.QUERYID)
                        + " for " + finding.object(), plan);
            }
        }
    }

    /** The latency histogram as the text bar chart the Markdown report draws, readable in Allure's attachment view. */
    private void attachChart(Finding finding) {
        Object chart = finding.evidence().get(LatencyChart.EVIDENCE);
        if (chart != null) {
            lifecycle.addAttachment("latency histogram of " + finding.object(), "text/plain", ".txt",
                    String.valueOf(chart).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void attachJson(String name, Object value) {
        ObjectMapper mapper = CheckResultCodec.mapper();
        try {
            lifecycle.addAttachment(name, "application/json", ".json", mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + name + " attachment", e);
        }
    }
}
