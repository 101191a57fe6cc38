package dev.pgwarden.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds a suite by name among the built-in ones ({@code checks/<name>.yaml} in the jar) or as a file, and
 * reads it. Every problem names the file, the line and the key.
 */
public final class SuiteLoader {

    public static final String DEFAULT_SUITE = "default";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Suite load(String nameOrFile) throws RuleLoadException {
        String wanted = nameOrFile == null || nameOrFile.isBlank() ? DEFAULT_SUITE : nameOrFile;
        Path file = Path.of(wanted);
        if (Files.isRegularFile(file)) {
            return read(file, wanted);
        }
        if (wanted.contains("/") || wanted.endsWith(".yaml") || wanted.endsWith(".yml")) {
            throw new RuleLoadException(wanted + ": suite file does not exist");
        }
        try {
            Path builtIn = ClasspathDirectory.locate("checks").resolve(wanted + ".yaml");
            if (!Files.isRegularFile(builtIn)) {
                throw new RuleLoadException("no suite named '" + wanted + "': give a built-in name ("
                        + String.join(", ", builtInNames()) + ") or a YAML file");
            }
            return read(builtIn, "checks/" + wanted + ".yaml");
        } catch (IOException e) {
            throw new RuleLoadException("checks: " + e.getMessage(), e);
        }
    }

    public java.util.List<String> builtInNames() throws IOException {
        try (var files = Files.list(ClasspathDirectory.locate("checks"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
    }

    private Suite read(Path file, String displayName) throws RuleLoadException {
        String text = "";
        try {
            text = Files.readString(file);
            JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) {
                throw new RuleLoadException(displayName + ": a suite is a YAML mapping with 'name' and 'checks'");
            }
            SuiteFile parsed = YAML.treeToValue(root, SuiteFile.class);
            String name = parsed.name() == null ? file.getFileName().toString().replaceFirst("\\.ya?ml$", "") : parsed.name();
            return new Suite(name, parsed.description(), parsed.checks() == null ? Map.of() : new LinkedHashMap<>(parsed.checks()));
        } catch (JsonMappingException e) {
            throw new RuleLoadException(MetadataReader.describe(e, displayName, text), e);
        } catch (IOException e) {
            throw new RuleLoadException(displayName + ": not a readable YAML suite: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The file's shape; parameter values are read as text so units survive. */
    private record SuiteFile(String name, String description, LinkedHashMap<String, LinkedHashMap<String, String>> checks) {
    }
}
