package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The envelope's {@code signals} object: {@code {"statements": {"measured": false, "reason": "..."}, ...}}. */
final class SignalsJson {

    static final String SIGNALS = "signals";
    private static final String MEASURED = "measured";
    private static final String REASON = "reason";

    private final String source;

    SignalsJson(String source) {
        this.source = source;
    }

    static ObjectNode toJson(ProbeSignals signals) {
        ObjectNode node = EnvelopeJson.MAPPER.createObjectNode();
        signals.statuses().forEach((name, status) -> {
            ObjectNode s = node.putObject(name).put(MEASURED, status.measured());
            if (!status.measured()) {
                s.put(REASON, status.reason());
            }
        });
        return node;
    }

    /** @param node the {@code signals} object; absent before format 3 */
    ProbeSignals fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return ProbeSignals.none();
        }
        if (!node.isObject()) {
            throw new ProbeFormatException(source, "envelope: expected an object '" + SIGNALS + "'");
        }
        Map<String, SignalStatus> statuses = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            String where = SIGNALS + "." + e.getKey();
            if (!e.getValue().path(MEASURED).isBoolean()) {
                throw new ProbeFormatException(source, where + ": expected a boolean '" + MEASURED + "'");
            }
            statuses.put(e.getKey(), e.getValue().get(MEASURED).booleanValue() ? SignalStatus.wasMeasured()
                    : SignalStatus.missing(JsonValues.requiredText(e.getValue(), REASON, source, where)));
        });
        return new ProbeSignals(statuses);
    }
}
