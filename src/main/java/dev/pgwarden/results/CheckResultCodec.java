package dev.pgwarden.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link CheckResult} into the JSON object that reports and the engine's report entries carry, and
 * back. One shape everywhere, so the JSON report is exactly what the engine published.
 */
public final class CheckResultCodec {

    /** The report entry key under which the engine publishes each result, as {@link #toJsonString} made it. */
    public static final String REPORT_ENTRY = "pgwarden.result";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CheckResultCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode toJson(CheckResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("target", result.target());
        node.put("id", result.id());
        node.put("title", result.title());
        node.put("category", result.category());
        node.put("status", result.status().label());
        node.put("severity", result.effectiveSeverity().label());
        node.put("reason", result.reason());
        node.set("parameters", MAPPER.valueToTree(result.parameters()));
        node.set("findings", MAPPER.valueToTree(result.findings()));
        node.put("duration_ms", result.durationMs());
        var waived = node.putArray("waived");
        for (WaivedFinding w : result.waived()) {
            ObjectNode entry = MAPPER.valueToTree(w.finding());
            ObjectNode waiver = entry.putObject("waiver");
            waiver.put("object", w.waiver().object().glob());
            waiver.put("reason", w.waiver().reason());
            waiver.put("expires", w.waiver().expires().toString());
            waiver.put("ticket", w.waiver().ticket());
            if (w.waiver().owner() != null) {
                waiver.put("owner", w.waiver().owner());
            }
            waived.add(entry);
        }
        node.set("notes", MAPPER.valueToTree(result.notes()));
        node.set("details", MAPPER.valueToTree(result.details()));
        return node;
    }

    public static String toJsonString(CheckResult result) {
        try {
            return MAPPER.writeValueAsString(toJson(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize result of " + result.id(), e);
        }
    }

    /** The result a report entry carries, if it carries one. */
    public static java.util.Optional<CheckResult> fromReportEntry(Map<String, String> keyValuePairs) {
        return java.util.Optional.ofNullable(keyValuePairs.get(REPORT_ENTRY)).map(CheckResultCodec::fromJsonString);
    }

    public static CheckResult fromJsonString(String json) {
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a pgwarden check result: " + e.getOriginalMessage(), e);
        }
    }

    public static CheckResult fromJson(JsonNode node) {
        Status status = Status.valueOf(node.path("status").asText().toUpperCase(java.util.Locale.ROOT));
        Outcome outcome = switch (status) {
            case PASSED -> Outcome.passed();
            case FAILED -> new Outcome.Failed(findings(node.path("findings")));
            case SKIPPED -> Outcome.skipped(node.path("reason").asText());
            case ERROR -> Outcome.errored(node.path("reason").asText());
        };
        Map<String, String> parameters = new LinkedHashMap<>();
        node.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        List<String> notes = new ArrayList<>();
        node.path("notes").forEach(n -> notes.add(n.asText()));
        return new CheckResult(node.path("target").asText(), node.path("id").asText(), node.path("title").asText(),
                node.path("category").asText(), Severity.parse(node.path("severity").asText("warning")), parameters,
                outcome, node.path("duration_ms").asLong(), waived(node), notes, details(node.path("details")));
    }

    private static CheckDetails details(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return CheckDetails.NONE;
        }
        try {
            return MAPPER.treeToValue(node, CheckDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not pgwarden check details: " + e.getOriginalMessage(), e);
        }
    }

    private static List<Finding> findings(JsonNode array) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : array) {
            findings.add(finding(f));
        }
        return findings;
    }

    private static Finding finding(JsonNode f) {
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = MAPPER.convertValue(f.path("evidence"), LinkedHashMap.class);
        return new Finding(f.path("object").asText(), f.path("message").asText(),
                Severity.parse(f.path("severity").asText()), f.path("remediation").asText(),
                f.path("rollback").asText(), evidence);
    }

    private static List<WaivedFinding> waived(JsonNode node) {
        List<WaivedFinding> waived = new ArrayList<>();
        for (JsonNode w : node.path("waived")) {
            JsonNode waiver = w.path("waiver");
            waived.add(new WaivedFinding(finding(w), new Waiver(node.path("id").asText(),
                    new ObjectPattern(waiver.path("object").asText()), waiver.path("reason").asText(),
                    java.time.LocalDate.parse(waiver.path("expires").asText()),
                    waiver.path("ticket").isNull() ? null : waiver.path("ticket").asText(null),
                    waiver.hasNonNull("owner") ? waiver.get("owner").asText() : null)));
        }
        return waived;
    }
}
