package dev.pgwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fleet file {@code check --targets FILE} reads: a YAML list of named targets, each with a URL as
 * {@code --url} takes it (a connection service too: {@code postgresql:///?service=orders}). Passwords are best
 * left out of it: they come from {@code PGPASSWORD}, the pgpass file or the service file, as for {@code --url}.
 *
 * <pre>
 * targets:
 *   - name: orders
 *     url: postgresql://monitor@db1.example:5432/orders
 * </pre>
 */
final class TargetsFile {

    /** One named target; the name heads its report section and names its report directory. */
    record Target(String name, String url) {
    }

    private TargetsFile() {
    }

    static List<Target> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--targets " + file + ": cannot read it (" + firstLine(e.getMessage()) + ")");
        }
        JsonNode list = root != null && root.isObject() ? root.get("targets") : root;
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("--targets " + file + ": expected 'targets:' with a list of {name, url}");
        }
        List<Target> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Target target = target(file, i, list.get(i));
            if (!names.add(target.name())) {
                throw new IllegalArgumentException("--targets " + file + ": targets[" + i + "].name '" + target.name() + "' is used twice");
            }
            targets.add(target);
        }
        return targets;
    }

    private static Target target(Path file, int index, JsonNode node) {
        String where = "--targets " + file + ": targets[" + index + "]";
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a mapping with name and url");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!key.equals("name") && !key.equals("url")) {
                throw new IllegalArgumentException(where + "." + key + ": unknown key (known: name, url)");
            }
        });
        String name = text(node, "name");
        String url = text(node, "url");
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(where + ".name: required, letters, digits, '.', '_' or '-'");
        }
        if (url == null) {
            throw new IllegalArgumentException(where + ".url: required (a JDBC URL or postgresql:// URI)");
        }
        return new Target(name, url);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
