package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The envelope's JSON field names and its mapping to and from {@link ProbeReport}, in one place so
 * that the writer and the reader cannot drift apart. Names are snake_case; an open bucket's
 * {@code upper_us} is {@code null}.
 */
final class EnvelopeJson {

    static final String FORMAT = "format";
    static final String HOST = "host";
    static final String KERNEL = "kernel";
    static final String BPFTRACE_VERSION = "bpftrace_version";
    static final String POSTMASTER_PID = "postmaster_pid";
    static final String STARTED_AT = "started_at";
    static final String DURATION_S = "duration_s";
    static final String HISTOGRAMS = "histograms";
    static final String BUCKETS = "buckets";
    static final String KEYS = "keys";
    static final String LOWER_US = "lower_us";
    static final String UPPER_US = "upper_us";
    static final String COUNT = "count";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private EnvelopeJson() {
    }

    static ObjectNode toJson(ProbeReport report) {
        ObjectNode root = MAPPER.createObjectNode()
                .put(FORMAT, report.format())
                .put(HOST, report.host())
                .put(KERNEL, report.kernel())
                .put(BPFTRACE_VERSION, report.bpftraceVersion())
                .put(STARTED_AT, report.startedAt().toString())
                .put(DURATION_S, report.durationS());
        if (report.postmasterPid() > 0) {
            root.put(POSTMASTER_PID, report.postmasterPid());
        } else {
            root.putNull(POSTMASTER_PID);
        }
        ObjectNode histograms = root.putObject(HISTOGRAMS);
        report.histograms().forEach((name, histogram) -> histograms.set(name, toJson(histogram)));
        if (report.hostFacts() != null) {
            root.set(HostFactsJson.HOST_FACTS, HostFactsJson.toJson(report.hostFacts()));
        }
        root.set(SignalsJson.SIGNALS, SignalsJson.toJson(report.signals()));
        PostgresTraceJson.write(report.trace(), root);
        if (report.waitEvents() != null) {
            root.set(WaitEventsJson.WAIT_EVENTS, WaitEventsJson.toJson(report.waitEvents()));
        }
        return root;
    }

    static ObjectNode toJson(LatencyHistogram histogram) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode buckets = node.putArray(BUCKETS);
        for (HistogramBucket bucket : histogram.buckets()) {
            ObjectNode b = buckets.addObject().put(LOWER_US, bucket.lowerUs());
            if (bucket.isOpen()) {
                b.putNull(UPPER_US);
            } else {
                b.put(UPPER_US, bucket.upperUs());
            }
            b.put(COUNT, bucket.count());
        }
        ObjectNode keys = node.putObject(KEYS);
        for (Map.Entry<String, Long> key : histogram.keys().entrySet()) {
            keys.put(key.getKey(), key.getValue());
        }
        return node;
    }

    static boolean looksLikeEnvelope(JsonNode node) {
        return node.isObject() && node.has(FORMAT) && node.has(HISTOGRAMS);
    }
}
