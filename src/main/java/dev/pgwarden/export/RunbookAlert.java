package dev.pgwarden.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.pgwarden.report.PrometheusReport;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Measurement;
import dev.pgwarden.results.Status;
import dev.pgwarden.rules.MeasureSpec;
import dev.pgwarden.rules.MeasureThreshold;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * The alerting rule a runbook page proposes once the finding is fixed: each measure of the check, on the series
 * pgwarden's Prometheus file names it, bounded {@code regression_pct} beyond the value measured in this run (above it
 * for a measure that fails high, below it for one that fails low); a check without measures is watched through
 * its failed status instead.
 */
final class RunbookAlert {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final double regressionPct;

    RunbookAlert(double regressionPct) {
        this.regressionPct = regressionPct;
    }

    /** @param specs the check's declared measures by name, for the direction each one fails in */
    String yaml(CheckResult check, Map<String, MeasureSpec> specs) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode rules = root.putArray("groups").addObject().put("name", "pgwarden.runbook." + check.id()).putArray("rules");
        if (check.details().measurements().isEmpty()) {
            ObjectNode rule = rules.addObject();
            rule.put("alert", "PgwardenCheckFailed");
            rule.put("expr", failedExpression(check.id()));
            labels(rule, check, null);
            rule.putObject("annotations").put("summary", check.title() + ": check " + check.id() + " failed again on {{ $labels.target }}");
        }
        for (Measurement m : check.details().measurements()) {
            boolean low = failsLow(specs.get(m.name()));
            String bound = bound(measured(m.value()), low);
            ObjectNode rule = rules.addObject();
            rule.put("alert", "PgwardenRegressed");
            rule.put("expr", PrometheusReport.metricName(m.name()) + "{check=\"" + check.id() + "\"} " + (low ? "<" : ">") + " " + bound);
            labels(rule, check, m.name());
            rule.putObject("annotations").put("summary", check.title() + ": " + m.name() + " of {{ $labels.target }} is "
                    + Measurement.text(regressionPct) + "% " + (low ? "below" : "above") + " the " + measured(m.value()).toPlainString() + " measured when this runbook was written");
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert as YAML", e);
        }
    }

    /** The series pgwarden's Prometheus file sets to 1 while the check is failed. */
    static String failedExpression(String checkId) {
        return "pgwarden_check_status{check=\"" + checkId + "\",status=\"" + Status.FAILED.label() + "\"} == 1";
    }

    /** measured × (1 ± regression_pct/100), in plain decimal notation as Prometheus reads it. */
    String bound(BigDecimal measured, boolean low) {
        BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(low ? -regressionPct : regressionPct).movePointLeft(2));
        return measured.multiply(factor).stripTrailingZeros().toPlainString();
    }

    /** The measured value to 10 significant digits: a scaled double (microseconds to seconds) carries binary noise. */
    static BigDecimal measured(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(10)).stripTrailingZeros();
    }

    private static boolean failsLow(MeasureSpec spec) {
        return spec != null && spec.thresholds().stream().map(MeasureThreshold::comparison).anyMatch(c -> c.startsWith("<"));
    }

    private static void labels(ObjectNode rule, CheckResult check, String measure) {
        ObjectNode labels = rule.putObject("labels").put("severity", check.effectiveSeverity().label()).put("check", check.id());
        if (measure != null) {
            labels.put("measure", measure);
        }
    }
}
