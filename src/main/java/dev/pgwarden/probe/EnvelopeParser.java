package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the envelope that {@code pgwarden probe} writes back into a {@link ProbeReport}. */
final class EnvelopeParser {

    private final String source;

    EnvelopeParser(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    ProbeReport parse(JsonNode root) {
        String format = JsonValues.requiredText(root, EnvelopeJson.FORMAT, source, "envelope");
        if (!ProbeReport.READABLE.contains(format)) {
            throw new ProbeFormatException(source, "envelope format is '" + format + "', expected '"
                    + ProbeReport.FORMAT + "' (written by another pgwarden version?)");
        }
        JsonNode hostNode = root.get(HostFactsJson.HOST_FACTS);
        HostFacts hostFacts = hostNode == null || hostNode.isNull() ? null : HostFactsJson.fromJson(hostNode, source);
        JsonNode histogramsNode = root.get(EnvelopeJson.HISTOGRAMS);
        if (histogramsNode == null || !histogramsNode.isObject()) {
            throw new ProbeFormatException(source, "envelope: expected an object '" + EnvelopeJson.HISTOGRAMS + "'");
        }
        JsonNode waitNode = root.get(WaitEventsJson.WAIT_EVENTS);
        WaitEventProfile waitEvents = waitNode == null || waitNode.isNull() ? null : WaitEventsJson.fromJson(waitNode, source);
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        histogramsNode.fields().forEachRemaining(e -> histograms.put(e.getKey(),
                histogram(EnvelopeJson.HISTOGRAMS + "." + e.getKey(), e.getKey(), e.getValue())));
        try {
            return new ProbeReport(format,
                    JsonValues.requiredText(root, EnvelopeJson.HOST, source, "envelope"),
                    JsonValues.requiredText(root, EnvelopeJson.KERNEL, source, "envelope"),
                    histograms.isEmpty() ? null
                            : JsonValues.requiredText(root, EnvelopeJson.BPFTRACE_VERSION, source, "envelope"),
                    postmasterPid(root, waitEvents), startedAt(root), duration(root), histograms, hostFacts,
                    new SignalsJson(source).fromJson(root.get(SignalsJson.SIGNALS)),
                    new PostgresTraceJson(this).read(root), waitEvents);
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(source, "envelope: " + e.getMessage());
        }
    }

    /** @param where the histogram's path in the envelope, for error messages */
    LatencyHistogram histogram(String where, String name, JsonNode node) {
        JsonNode bucketsNode = node.path(EnvelopeJson.BUCKETS);
        if (!bucketsNode.isArray()) {
            throw new ProbeFormatException(source, where + ": expected a list '" + EnvelopeJson.BUCKETS + "'");
        }
        List<HistogramBucket> buckets = new ArrayList<>();
        for (int i = 0; i < bucketsNode.size(); i++) {
            JsonNode b = bucketsNode.get(i);
            String at = where + "." + EnvelopeJson.BUCKETS + "[" + i + "]";
            long lower = JsonValues.requiredLong(b, EnvelopeJson.LOWER_US, source, at);
            Long upper = JsonValues.optionalLong(b, EnvelopeJson.UPPER_US, source, at);
            long count = JsonValues.requiredLong(b, EnvelopeJson.COUNT, source, at);
            try {
                buckets.add(new HistogramBucket(lower, upper, count));
            } catch (IllegalArgumentException e) {
                throw new ProbeFormatException(source, at + ": " + e.getMessage());
            }
        }
        Map<String, Long> keys = new LinkedHashMap<>();
        JsonNode keysNode = node.path(EnvelopeJson.KEYS);
        keysNode.fieldNames().forEachRemaining(key ->
                keys.put(key, JsonValues.requiredLong(keysNode, key, source, where + "." + EnvelopeJson.KEYS)));
        try {
            return new LatencyHistogram(name, buckets, keys);
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(source, where + ": " + e.getMessage());
        }
    }

    /** An envelope of {@code probe --url} alone sampled over SQL and knows no postmaster: 0. */
    private long postmasterPid(JsonNode root, WaitEventProfile waitEvents) {
        Long pid = JsonValues.optionalLong(root, EnvelopeJson.POSTMASTER_PID, source, "envelope");
        if (pid == null && waitEvents != null) {
            return 0;
        }
        return JsonValues.requiredLong(root, EnvelopeJson.POSTMASTER_PID, source, "envelope");
    }

    private Instant startedAt(JsonNode root) {
        String text = JsonValues.requiredText(root, EnvelopeJson.STARTED_AT, source, "envelope");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProbeFormatException(source, "envelope.started_at: expected an ISO-8601 instant, found " + text);
        }
    }

    private double duration(JsonNode root) {
        JsonNode node = root.get(EnvelopeJson.DURATION_S);
        if (node == null || !node.isNumber()) {
            throw new ProbeFormatException(source, "envelope: expected a number '" + EnvelopeJson.DURATION_S + "'");
        }
        return node.doubleValue();
    }
}
