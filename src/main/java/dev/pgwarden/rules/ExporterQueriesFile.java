package dev.pgwarden.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pgwarden.facts.ColumnType;
import dev.pgwarden.facts.CustomFact;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a postgres_exporter {@code queries.yaml} as custom facts: each top-level name is a fact whose SQL
 * is its {@code query}; each entry of {@code metrics} a column, LABEL as text, GAUGE and COUNTER as double,
 * DISCARD left out. Other keys of the format ({@code master}, {@code cache_seconds}) do not change what
 * the query returns and are ignored.
 */
final class ExporterQueriesFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** @param source the file as errors name it */
    Map<String, CustomFact> read(String yaml, String source) throws RuleLoadException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new RuleLoadException(source + ": not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new RuleLoadException(source + ": expected postgres_exporter queries, a map of names to {query, metrics}");
        }
        Map<String, CustomFact> facts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            facts.put(entry.getKey(), fact(entry.getKey(), entry.getValue(), source));
        }
        return facts;
    }

    private static CustomFact fact(String name, JsonNode node, String source) throws RuleLoadException {
        JsonNode query = node.path("query");
        if (!query.isTextual() || query.asText().isBlank()) {
            throw new RuleLoadException(source + ": key '" + name + ".query' must hold the SQL");
        }
        JsonNode metrics = node.path("metrics");
        if (!metrics.isArray() || metrics.isEmpty()) {
            throw new RuleLoadException(source + ": key '" + name + ".metrics' must list the columns, like - state: {usage: LABEL}");
        }
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode metric = metrics.get(i);
            if (!metric.isObject() || metric.size() != 1) {
                throw new RuleLoadException(source + ": key '" + name + ".metrics[" + i + "]' must be one column: {usage, description}");
            }
            Map.Entry<String, JsonNode> column = metric.fields().next();
            String usage = column.getValue().path("usage").asText("");
            String key = name + ".metrics[" + i + "]." + column.getKey() + ".usage";
            switch (usage.toUpperCase(java.util.Locale.ROOT)) {
                case "LABEL" -> columns.put(column.getKey(), ColumnType.TEXT);
                case "GAUGE", "COUNTER" -> columns.put(column.getKey(), ColumnType.DOUBLE);
                case "DISCARD" -> { }
                default -> throw new RuleLoadException(source + ": key '" + key + "' is '" + usage
                        + "'; pgwarden reads LABEL (text), GAUGE and COUNTER (double) and DISCARD columns");
            }
        }
        try {
            return new CustomFact(query.asText(), columns, List.of(), new CustomFact.Origin(source, name, name + ".metrics"));
        } catch (IllegalArgumentException e) {
            throw new RuleLoadException(source + ": key '" + name + "': " + e.getMessage(), e);
        }
    }
}
