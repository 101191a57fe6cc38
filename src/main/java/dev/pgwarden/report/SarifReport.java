package dev.pgwarden.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code pgwarden.sarif}: SARIF 2.1.0 for code-scanning dashboards. Each check is a rule (its help is the
 * remediation and rollback templates); each finding is a result at a logical location naming database,
 * schema and object. Code scanning also wants a file per result: that is the check's rule file.
 */
public final class SarifReport {

    public static final String FILE_NAME = "pgwarden.sarif";
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = CheckResultCodec.mapper();
    private final PreviousRun previous;

    public SarifReport() {
        this(PreviousRun.NONE);
    }

    /** @param previous the run each result's {@code baselineState} ({@code new} or {@code unchanged}) is judged against */
    public SarifReport(PreviousRun previous) {
        this.previous = previous;
    }

    public Path write(RunSummary run, Path directory) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode sarifRun = root.putArray("runs").addObject();
        ObjectNode driver = sarifRun.putObject("tool").putObject("driver");
        driver.put("name", "pgwarden");
        driver.put("version", PgwardenVersion.current().version());
        driver.putObject("properties").put("commit", PgwardenVersion.current().commit());
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = sarifRun.putArray("results");
        List<CheckResult> checks = run.checks();
        for (int index = 0; index < checks.size(); index++) {
            rules.add(rule(checks.get(index)));
            for (Finding finding : checks.get(index).findings()) {
                ObjectNode result = new SarifResult(run.target(), checks.get(index), index).toJson(finding);
                previous.state(run, checks.get(index), finding).ifPresent(state -> result.put("baselineState", state.equals("known") ? "unchanged" : state));
                results.add(result);
            }
        }
        sarifRun.putArray("invocations").add(invocation(run));
        if (run.provenance() != null) {
            sarifRun.putObject("properties").set("provenance", MAPPER.valueToTree(run.provenance()));
        }
        return AtomicFile.write(directory.resolve(FILE_NAME), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static ObjectNode rule(CheckResult check) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("id", check.id());
        rule.putObject("shortDescription").put("text", check.title());
        if (!check.details().description().isBlank()) {
            rule.putObject("fullDescription").put("text", check.details().description().strip());
        }
        if (!check.details().help().isBlank()) {
            rule.putObject("help").put("text", check.details().help());
        }
        check.details().references().stream().findFirst().ifPresent(uri -> rule.put("helpUri", uri));
        rule.putObject("defaultConfiguration").put("level", level(check.severity()));
        ObjectNode properties = rule.putObject("properties");
        ArrayNode tags = properties.putArray("tags").add("postgresql").add(check.category());
        check.details().controls().forEach(control -> tags.add(control.label()));
        properties.put("category", check.category());
        properties.put("status", check.status().label());
        return rule;
    }

    private static ObjectNode invocation(RunSummary run) {
        ObjectNode invocation = MAPPER.createObjectNode();
        invocation.put("executionSuccessful", !run.targetFailed());
        invocation.put("startTimeUtc", run.startedAt().toString());
        if (run.targetFailed()) {
            invocation.putArray("toolExecutionNotifications").addObject()
                    .put("level", "error").putObject("message").put("text", run.targetFailure());
        }
        for (CheckResult check : run.checks()) {
            if (!check.reason().isEmpty()) {
                invocation.withArray("toolExecutionNotifications").addObject()
                        .put("level", check.status().label().equals("error") ? "error" : "note")
                        .<ObjectNode>set("descriptor", MAPPER.createObjectNode().put("id", check.id()))
                        .putObject("message").put("text", check.id() + " " + check.status().label() + ": " + check.reason());
            }
        }
        return invocation;
    }

    static String level(Severity severity) {
        return severity == Severity.CRITICAL ? "error" : "warning";
    }
}
