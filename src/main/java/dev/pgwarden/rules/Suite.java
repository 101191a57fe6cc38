package dev.pgwarden.rules;

import dev.pgwarden.results.Waiver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named selection of checks with the values to run them with ({@code checks/<name>.yaml}), and the
 * waivers its owners accepted.
 *
 * @param source   the file it was read from, as errors name it
 * @param keyLines the line of each key path, as errors name it
 * @param sha256   the SHA-256 of the file's text, for reports' provenance
 */
public record Suite(String name, String description, Map<String, SuiteCheck> checks, List<Waiver> waivers,
        String source, Map<String, Integer> keyLines, String sha256) {

    public Suite {
        Objects.requireNonNull(name, "suite name must not be null");
        description = description == null ? "" : description;
        checks = checks == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
        source = source == null ? "suite '" + name + "'" : source;
        keyLines = keyLines == null ? Map.of() : Map.copyOf(keyLines);
    }

    /** Where a key was written, for error messages: {@code checks/ci-gate.yaml:12: key 'checks.x'}. */
    public String locate(String keyPath) {
        Integer line = keyLines.get(keyPath);
        return source + (line == null ? "" : ":" + line) + ": key '" + keyPath + "'";
    }

    public SuiteCheck check(String id) {
        // "xid-age:" with nothing after it reads as null: the check with its defaults, like "xid-age: {}"
        SuiteCheck check = checks.get(id);
        return check == null ? SuiteCheck.DEFAULTS : check;
    }
}
