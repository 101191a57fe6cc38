package dev.pgwarden.probe;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    static java.time.Instant requiredInstant(JsonNode node, String field, String source, String where) {
        String text = requiredText(node, field, source, where);
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProbeFormatException(source, where + "." + field + ": expected an ISO-8601 instant, found " + text);
        }
    }

    /** The JSON values of a text in order (one per line for bpftrace), each with its line number. */
    static List<Map.Entry<Integer, JsonNode>> sequence(String text, String source, String expected) {
        List<Map.Entry<Integer, JsonNode>> values = new ArrayList<>();
        try (JsonParser parser = EnvelopeJson.MAPPER.createParser(text);
             MappingIterator<JsonNode> it = EnvelopeJson.MAPPER.readerFor(JsonNode.class).readValues(parser)) {
            while (it.hasNextValue()) {
                int line = parser.currentLocation().getLineNr();
                values.add(new AbstractMap.SimpleImmutableEntry<>(line, it.nextValue()));
            }
        } catch (IOException | RuntimeException e) {
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? "line " + j.getLocation().getLineNr() + ": " : "";
            throw new ProbeFormatException(source, where + "invalid or truncated JSON; " + expected);
        }
        return values;
    }

    static String abbreviate(JsonNode value) {
        return BpftraceTextParser.abbreviate(value.toString());
    }
}
