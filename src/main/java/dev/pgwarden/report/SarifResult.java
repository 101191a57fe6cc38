package dev.pgwarden.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.Finding;

/** One finding as a SARIF result of its check's rule. */
final class SarifResult {

    private static final ObjectMapper MAPPER = CheckResultCodec.mapper();
    private final String target;
    private final CheckResult check;
    private final int ruleIndex;

    SarifResult(String target, CheckResult check, int ruleIndex) {
        this.target = target;
        this.check = check;
        this.ruleIndex = ruleIndex;
    }

    ObjectNode toJson(Finding finding) {
        ObjectPath path = ObjectPath.of(target, finding);
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", check.id());
        result.put("ruleIndex", ruleIndex);
        result.put("level", SarifReport.level(finding.severity()));
        result.putObject("message").put("text", finding.object() + ": " + finding.message());
        ObjectNode location = result.putArray("locations").addObject();
        location.putObject("physicalLocation").putObject("artifactLocation")
                .put("uri", "rules/" + check.id() + ".drl").put("uriBaseId", "PGWARDEN");
        location.putArray("logicalLocations").add(logical(path));
        // Code scanning matches results across runs by this: the same check, kind and object is the same alert.
        result.putObject("partialFingerprints").put("primaryLocationLineHash", FindingKey.of(target, check.id(), finding).fingerprint());
        ObjectNode properties = result.putObject("properties");
        properties.put("severity", finding.severity().label());
        properties.put("target", target);
        properties.put("remediation", finding.remediation());
        properties.put("rollback", finding.rollback());
        properties.set("evidence", MAPPER.valueToTree(finding.evidence()));
        return result;
    }

    private static ObjectNode logical(ObjectPath path) {
        ObjectNode logical = MAPPER.createObjectNode();
        logical.put("name", path.name());
        logical.put("fullyQualifiedName", path.qualifiedName());
        logical.put("kind", path.kind());
        ObjectNode properties = logical.putObject("properties");
        properties.put("database", path.database());
        if (!path.schema().isEmpty()) {
            properties.put("schema", path.schema());
        }
        return logical;
    }
}
