package dev.pgwarden.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A whole run as JSON and back, everything the reports need to be written again from it. */
public final class RunSummaryCodec {

    private static final TypeReference<List<HistogramSeries>> HISTOGRAMS = new TypeReference<>() {
    };

    private RunSummaryCodec() {
    }

    public static ObjectNode toJson(RunSummary run) {
        ObjectNode node = CheckResultCodec.mapper().createObjectNode();
        node.put("target", run.target());
        node.put("started_at", run.startedAt().toString());
        node.put("duration_ms", run.durationMs());
        node.put("target_error", run.targetFailure());
        node.put("target_unreachable", run.targetUnreachable());
        if (run.platform() != null) {
            node.put("platform", run.platform());
        }
        if (run.provenance() != null) {
            node.set("provenance", CheckResultCodec.mapper().valueToTree(run.provenance()));
        }
        run.checks().forEach(check -> node.withArray("checks").add(CheckResultCodec.toJson(check)));
        if (!run.histograms().isEmpty()) {
            node.set("histograms", CheckResultCodec.mapper().valueToTree(run.histograms()));
        }
        return node;
    }

    public static RunSummary fromJson(JsonNode node) {
        List<CheckResult> checks = new ArrayList<>();
        node.path("checks").forEach(check -> checks.add(CheckResultCodec.fromJson(check)));
        JsonNode error = node.path("target_error");
        return new RunSummary(node.path("target").asText(), Instant.parse(node.path("started_at").asText()),
                node.path("duration_ms").asLong(), checks, error.isNull() || error.isMissingNode() ? null : error.asText(),
                node.path("target_unreachable").asBoolean(), node.hasNonNull("platform") ? node.get("platform").asText() : null,
                node.hasNonNull("provenance") ? Provenance.fromJson(node.get("provenance")) : null,
                node.has("histograms") ? CheckResultCodec.mapper().convertValue(node.get("histograms"), HISTOGRAMS) : List.of());
    }
}
