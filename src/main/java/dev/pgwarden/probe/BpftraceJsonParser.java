package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads histograms from {@code bpftrace -f json} output: one JSON object per line, of which those
 * with {@code "type": "hist"} (or {@code "lhist"}) carry histograms:
 * <pre>{"type": "hist", "data": {"@us": [{"min": 4, "max": 7, "count": 12}, ...]}}
 *{"type": "hist", "data": {"@us": {"psql": [...], "postgres": [...]}}}</pre>
 * {@code min} and {@code max} are inclusive; the open first bucket has no {@code min} and the
 * open last bucket no {@code max}. Other types (attached_probes, map, stats, printf) are skipped.
 */
final class BpftraceJsonParser {

    private final String source;

    BpftraceJsonParser(String source) {
        this.source = source;
    }

    /** @param objects the JSON values of the input in order, each with its line number */
    List<RawHistogram> parse(List<Map.Entry<Integer, JsonNode>> objects) {
        List<RawHistogram> found = parseAll(objects);
        if (found.isEmpty()) {
            throw new ProbeFormatException(source, "no histogram found; expected bpftrace -f json output with a"
                    + " line like {\"type\": \"hist\", \"data\": {\"@us\": [...]}}");
        }
        return found;
    }

    /** Like {@link #parse} but an output without histograms (nothing was measured) is no error. */
    List<RawHistogram> parseAll(List<Map.Entry<Integer, JsonNode>> objects) {
        List<RawHistogram> found = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> entry : objects) {
            JsonNode object = entry.getValue();
            String where = "line " + entry.getKey();
            if (!object.isObject() || !object.path("type").isTextual()) {
                throw new ProbeFormatException(source, where + ": expected a bpftrace JSON object with a \"type\"");
            }
            String type = object.get("type").textValue();
            if (type.equals("hist") || type.equals("lhist")) {
                readData(object.get("data"), where, found);
            }
        }
        return found;
    }

    private void readData(JsonNode data, String where, List<RawHistogram> found) {
        if (data == null || !data.isObject()) {
            throw new ProbeFormatException(source, where + ": expected \"data\" to be an object of maps");
        }
        data.fields().forEachRemaining(map -> {
            String name = mapName(map.getKey());
            JsonNode value = map.getValue();
            if (value.isArray()) {
                found.add(new RawHistogram(name, null, buckets(value, where + " " + map.getKey())));
            } else if (value.isObject()) {
                value.fields().forEachRemaining(keyed -> found.add(new RawHistogram(name, keyed.getKey(),
                        buckets(keyed.getValue(), where + " " + map.getKey() + "[" + keyed.getKey() + "]"))));
            } else {
                throw new ProbeFormatException(source, where + " " + map.getKey()
                        + ": expected a list of buckets or an object of keys");
            }
        });
    }

    private List<RawHistogram.RawBucket> buckets(JsonNode list, String where) {
        if (!list.isArray()) {
            throw new ProbeFormatException(source, where + ": expected a list of buckets");
        }
        List<RawHistogram.RawBucket> buckets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode bucket = list.get(i);
            String at = where + " bucket " + (i + 1);
            if (!bucket.isObject()) {
                throw new ProbeFormatException(source, at + ": expected {\"min\", \"max\", \"count\"}");
            }
            Long min = JsonValues.optionalLong(bucket, "min", source, at);
            Long max = JsonValues.optionalLong(bucket, "max", source, at);
            long count = JsonValues.requiredLong(bucket, "count", source, at);
            if (max != null && max == Long.MAX_VALUE) {
                throw new ProbeFormatException(source, at + ": \"max\" " + max + " is beyond any latency in microseconds");
            }
            Long upper = max == null ? null : max + 1;
            buckets.add(new RawHistogram.RawBucket(min, upper, count, at));
        }
        return buckets;
    }

    static String mapName(String raw) {
        String name = raw.startsWith("@") ? raw.substring(1) : raw;
        return name.isEmpty() ? "@" : name;
    }
}
