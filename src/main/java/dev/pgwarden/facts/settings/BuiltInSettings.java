package dev.pgwarden.facts.settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The table of built-in settings of every supported major ({@value #RESOURCE}), generated from each major's own
 * server and checked against them by a test, so that it says what PostgreSQL says.
 */
public final class BuiltInSettings {

    public static final String RESOURCE = "settings/built-in-settings.tsv";
    private static final BuiltInSettings SHIPPED = read(RESOURCE);

    private final Map<Integer, Map<String, BuiltInSetting>> byMajor;

    private BuiltInSettings(Map<Integer, Map<String, BuiltInSetting>> byMajor) {
        this.byMajor = byMajor;
    }

    /** The table in pgwarden's jar. */
    public static BuiltInSettings shipped() {
        return SHIPPED;
    }

    /** Whether the table covers this major. */
    public boolean covers(int major) {
        return byMajor.containsKey(major);
    }

    /** The majors the table covers, oldest first. */
    public List<Integer> majors() {
        return List.copyOf(new TreeSet<>(byMajor.keySet()));
    }

    /** The setting of this name in this major; empty when the major does not know it. */
    public Optional<BuiltInSetting> of(String name, int major) {
        return Optional.ofNullable(byMajor.getOrDefault(major, Map.of()).get(name));
    }

    /** The settings of one major, by name. */
    Map<String, BuiltInSetting> of(int major) {
        return byMajor.getOrDefault(major, Map.of());
    }

    static BuiltInSettings read(String resource) {
        Map<Integer, Map<String, BuiltInSetting>> byMajor = new HashMap<>();
        try (InputStream in = BuiltInSettings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (!line.startsWith("#") && !line.isEmpty()) {
                    add(byMajor, line, resource + ":" + number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new BuiltInSettings(byMajor);
    }

    private static void add(Map<Integer, Map<String, BuiltInSetting>> byMajor, String line, String where) {
        String[] f = line.split("\t", -1);
        if (f.length != 9) {
            throw new IllegalStateException(where + ": expected 9 tab-separated columns, found " + f.length);
        }
        String[] majors = f[1].split("-");
        int first = Integer.parseInt(majors[0]);
        int last = Integer.parseInt(majors[majors.length - 1]);
        List<String> values = f[8].isEmpty() ? List.of() : Arrays.asList(f[8].split(","));
        for (int major = first; major <= last; major++) {
            byMajor.computeIfAbsent(major, m -> new HashMap<>())
                    .put(f[0], new BuiltInSetting(f[0], major, f[2], f[3], f[4], f[5], f[6], f[7], values));
        }
    }
}
