package dev.pgwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The documented shape of the Datadog Agent's postgres configuration ({@code datadog/postgres-conf-shape.yaml},
 * taken from the integration's example configuration): which keys exist where, and their types. Lists every
 * place a configuration departs from it.
 */
final class DatadogConfShape {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final JsonNode shape;

    private DatadogConfShape(JsonNode shape) {
        this.shape = shape;
    }

    static DatadogConfShape postgres() {
        try (InputStream in = DatadogConfShape.class.getResourceAsStream("/datadog/postgres-conf-shape.yaml")) {
            return new DatadogConfShape(YAML.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return one line per key that is not documented, has the wrong type, or is required and missing */
    List<String> violations(JsonNode config) {
        List<String> violations = new ArrayList<>();
        check(config, shape.get("root").asText(), "", violations);
        return violations;
    }

    private void check(JsonNode value, String type, String path, List<String> violations) {
        if (type.startsWith("list:")) {
            if (!value.isArray()) {
                violations.add(path + ": expected a list, got " + value.getNodeType());
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), type.substring("list:".length()), path + "[" + i + "]", violations);
            }
            return;
        }
        boolean fits = switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!fits) {
            violations.add(path + ": expected " + type + ", got " + value.getNodeType() + " " + value);
        } else if (shape.get("enums").has(type)) {
            boolean known = false;
            for (JsonNode allowed : shape.get("enums").get(type)) {
                known |= allowed.asText().equals(value.asText());
            }
            if (!value.isTextual() || !known) {
                violations.add(path + ": " + value + " is not one of " + type + " " + shape.get("enums").get(type));
            }
        } else if (shape.get("shapes").has(type)) {
            mapping(value, shape.get("shapes").get(type), type, path, violations);
        }
    }

    private void mapping(JsonNode value, JsonNode mappingShape, String type, String path, List<String> violations) {
        if (!value.isObject()) {
            violations.add(path + ": expected a " + type + " mapping, got " + value.getNodeType());
            return;
        }
        JsonNode keys = mappingShape.get("keys");
        value.fields().forEachRemaining(field -> {
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (!keys.has(field.getKey())) {
                violations.add(at + ": not a documented key of " + type);
            } else {
                check(field.getValue(), keys.get(field.getKey()).asText(), at, violations);
            }
        });
        if (mappingShape.has("required")) {
            for (JsonNode required : mappingShape.get("required")) {
                if (!value.has(required.asText())) {
                    violations.add(path + ": " + type + " needs " + required.asText());
                }
            }
        }
    }
}
