package dev.pgwarden.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pgwarden.results.ObjectPattern;
import dev.pgwarden.results.Waiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a suite by name among the built-in ones ({@code checks/<name>.yaml} in the jar) or as a file, and
 * reads it. Every problem names the file, the line and the key.
 */
public final class SuiteLoader {

    public static final String DEFAULT_SUITE = "default";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    // The jar's suites never change while the JVM runs: each is read once (a fleet plans every target with it).
    private static final Map<String, Suite> BUILT_IN = new java.util.concurrent.ConcurrentHashMap<>();

    public Suite load(String nameOrFile) throws RuleLoadException {
        String wanted = nameOrFile == null || nameOrFile.isBlank() ? DEFAULT_SUITE : nameOrFile;
        Path file = Path.of(wanted);
        if (Files.isRegularFile(file)) {
            return read(file, wanted);
        }
        if (wanted.contains("/") || wanted.endsWith(".yaml") || wanted.endsWith(".yml")) {
            throw new RuleLoadException(wanted + ": suite file does not exist");
        }
        Suite known = BUILT_IN.get(wanted);
        if (known != null) {
            return known;
        }
        Suite read = readBuiltIn(wanted);
        BUILT_IN.put(wanted, read);
        return read;
    }

    private Suite readBuiltIn(String wanted) throws RuleLoadException {
        String displayName = "checks/" + wanted + ".yaml";
        String text;
        try {
            text = ClasspathDirectory.read("checks", wanted + ".yaml").orElse(null);
            if (text == null) {
                throw new RuleLoadException("no suite named '" + wanted + "': give a built-in name ("
                        + String.join(", ", builtInNames()) + ") or a YAML file");
            }
        } catch (IOException e) {
            throw new RuleLoadException("checks: " + e.getMessage(), e);
        }
        return read(text, displayName, wanted + ".yaml");
    }

    public List<String> builtInNames() throws IOException {
        return ClasspathDirectory.list("checks").stream().filter(n -> n.endsWith(".yaml"))
                .map(n -> n.substring(0, n.length() - ".yaml".length())).toList();
    }

    private Suite read(Path file, String displayName) throws RuleLoadException {
        try {
            return read(Files.readString(file), displayName, file.getFileName().toString());
        } catch (IOException e) {
            throw new RuleLoadException(displayName + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @param fileName names the suite when it does not name itself */
    private Suite read(String text, String displayName, String fileName) throws RuleLoadException {
        SuiteFile parsed;
        try {
            parsed = YAML.readValue(text, SuiteFile.class);
        } catch (JsonMappingException e) {
            throw new RuleLoadException(MetadataReader.describe(e, displayName, YamlKeyLines.of(text)), e);
        } catch (IOException e) {
            throw new RuleLoadException(displayName + ": not a readable YAML suite: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (parsed == null) {
            throw new RuleLoadException(displayName + ": empty suite; a suite is a mapping with 'name' and 'checks'");
        }
        String name = parsed.name() == null ? fileName.replaceFirst("\\.ya?ml$", "") : parsed.name();
        Map<String, Integer> lines = YamlKeyLines.of(text);
        return new Suite(name, parsed.description(), parsed.checks(), waivers(parsed, displayName, lines), displayName, lines,
                dev.pgwarden.results.Sha256.of(text));
    }

    private static List<Waiver> waivers(SuiteFile parsed, String displayName, Map<String, Integer> lines) throws RuleLoadException {
        List<Waiver> waivers = new ArrayList<>();
        List<WaiverEntry> entries = parsed.waivers() == null ? List.of() : parsed.waivers();
        for (int i = 0; i < entries.size(); i++) {
            WaiverEntry e = entries.get(i);
            try {
                waivers.add(new Waiver(e.check(), e.object() == null ? null : new ObjectPattern(e.object()),
                        e.reason(), e.expires(), e.ticket(), e.owner()));
            } catch (IllegalArgumentException | NullPointerException problem) {
                Integer line = lines.get("waivers[" + i + "]");
                throw new RuleLoadException(displayName + (line == null ? "" : ":" + line) + ": key 'waivers[" + i + "]': "
                        + problem.getMessage());
            }
        }
        return waivers;
    }

    /** The file's shape; parameter values are read as text so units survive. */
    private record SuiteFile(String name, String description, LinkedHashMap<String, SuiteCheck> checks,
            List<WaiverEntry> waivers) {
    }

    private record WaiverEntry(String check, String object, String reason, LocalDate expires, String ticket, String owner) {
    }
}
