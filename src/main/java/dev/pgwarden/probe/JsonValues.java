package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads whole numbers from JSON the lenient way probe inputs need: bpftrace prints numbers, other
 * tools that pass its output along sometimes quote them.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** The number, or {@code null} when the field is absent or JSON null. */
    static Long optionalLong(JsonNode node, String field, String source, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().strip());
            } catch (NumberFormatException e) {
                // reported below with the field's name
            }
        }
        throw new ProbeFormatException(source, where + "." + field + ": expected a whole number, found " + abbreviate(value));
    }

    static long requiredLong(JsonNode node, String field, String source, String where) {
        Long value = optionalLong(node, field, source, where);
        if (value == null) {
            throw new ProbeFormatException(source, where + ": expected a field '" + field + "'");
        }
        return value;
    }

    static String requiredText(JsonNode node, String field, String source, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new ProbeFormatException(source, where + ": expected a text field '" + field + "'");
        }
        return value.textValue();
    }

    static String abbreviate(JsonNode value) {
        return BpftraceTextParser.abbreviate(value.toString());
    }
}
