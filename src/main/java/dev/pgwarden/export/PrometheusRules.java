package dev.pgwarden.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.pgwarden.report.PrometheusReport;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.rules.CheckMetadata;
import dev.pgwarden.rules.FindingTemplate;
import dev.pgwarden.rules.SelectedCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Prometheus rule file for the series pgwarden's {@code pgwarden.prom} holds: per check, an alert when it
 * failed, and one per bound of each of its measures, with the check's title, remediation and
 * {@code pgwarden explain} command in the annotations.
 */
public final class PrometheusRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    /** @param bounds thresholds and baseline bounds of the checks' measures */
    public String render(List<SelectedCheck> checks, List<AlertBound> bounds) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        for (SelectedCheck check : checks) {
            ObjectNode group = groups.addObject().put("name", "pgwarden." + check.id());
            ArrayNode rules = group.putArray("rules");
            failed(rules.addObject(), check);
            bounds.stream().filter(b -> b.check().id().equals(check.id())).forEach(b -> bound(rules.addObject(), b));
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the rules as YAML", e);
        }
    }

    private static void failed(ObjectNode rule, SelectedCheck check) {
        CheckMetadata m = check.metadata();
        Severity severity = check.severity() != null ? check.severity() : m.severity();
        rule.put("alert", "PgwardenCheckFailed");
        rule.put("expr", "pgwarden_check_status{check=\"" + check.id() + "\",status=\"" + Status.FAILED.label() + "\"} == 1");
        rule.putObject("labels").put("severity", severity.label()).put("check", check.id());
        annotations(rule, check, m.title() + ": check " + check.id() + " failed on {{ $labels.target }}",
                remediation(m, severity));
    }

    private static void bound(ObjectNode rule, AlertBound b) {
        boolean baseline = b.source().equals("baseline");
        String metric = PrometheusReport.metricName(b.measure());
        rule.put("alert", "Pgwarden" + camel(b.measure()) + (baseline ? "AboveBaseline" : camel(b.severity().label())));
        rule.put("expr", metric + "{check=\"" + b.check().id() + "\"} " + b.comparison() + " " + b.boundText());
        rule.putObject("labels").put("severity", b.severity().label()).put("check", b.check().id()).put("measure", b.measure());
        String why = baseline ? "more than regression_pct above its baseline" : b.source();
        String summary = b.check().metadata().title() + ": " + b.measure() + " of {{ $labels.target }} "
                + b.comparison() + " " + b.boundText() + " (" + why + ")";
        annotations(rule, b.check(), summary, remediation(b.check().metadata(), b.severity()));
        ((ObjectNode) rule.get("annotations")).put("description", b.spec().help());
    }

    private static void annotations(ObjectNode rule, SelectedCheck check, String summary, String remediation) {
        rule.putObject("annotations")
                .put("summary", summary)
                .put("remediation", remediation)
                .put("explain", "pgwarden explain " + check.id());
    }

    /**
     * The remediation of the first kind of finding with this severity (else the first kind), its placeholders
     * left as they are: the report fills them for the object found. "{{" would start a Prometheus template.
     */
    private static String remediation(CheckMetadata m, Severity severity) {
        FindingTemplate template = m.findings().values().stream()
                .filter(t -> (t.severity() == null ? m.severity() : Severity.parse(t.severity())) == severity)
                .findFirst().orElse(m.findings().values().iterator().next());
        return template.remediation().replace("{{", "{ {").replace("}}", "} }");
    }

    private static String camel(String snake) {
        return Arrays.stream(snake.split("[_-]")).filter(s -> !s.isEmpty())
                .map(s -> s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1)).collect(Collectors.joining());
    }
}
