package dev.pgwarden.facts.settings;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the table of built-in settings ({@link BuiltInSettings#RESOURCE}) from a real server of every major it
 * covers: pg_settings' boot_val is the built-in default, whatever the configuration files say. Consecutive
 * majors with the same row are written as one line ({@code 14-18}).
 *
 * <p>{@code postgres --describe-config} would need no server, but it prints reset_val for boolean, integer and
 * real settings, which that mode never initializes (shared_buffers 0, jit FALSE), and neither units nor enum
 * values; pg_settings has all of them.
 */
final class BuiltInSettingsGenerator {

    static final String HEADER = """
            # Built-in settings of PostgreSQL 13 to 18, one line per setting and run of majors where it is the same,
            # read from pg_settings of each major's own server (internal settings, which nothing can set, left out).
            # Generated: do not edit. BuiltInSettingsTableTest fails when it differs from the servers; to write it again:
            #   mvn -o test -Dtest=BuiltInSettingsTableTest -Dpgwarden.settings.write=true
            # name\tmajors\tcontext\tvartype\tunit\tdefault\tmin\tmax\tvalues
            """;

    // Every column as text, so that one row compares with another as a whole; enum values joined by commas.
    private static final String SQL = """
            SELECT name, context, vartype, coalesce(unit, ''), coalesce(boot_val, ''), coalesce(min_val, ''),
                   coalesce(max_val, ''), coalesce(array_to_string(enumvals, ','), '')
              FROM pg_settings
             WHERE context <> 'internal' AND name NOT LIKE '%.%'
             ORDER BY name
            """;

    private BuiltInSettingsGenerator() {
    }

    /** The table's text for the given majors, each read from {@link PostgresServers#shared} of that major. */
    static String generate(List<Integer> majors) throws SQLException {
        Map<String, Map<Integer, String>> rows = new TreeMap<>();
        for (int major : majors) {
            for (Map.Entry<String, String> row : read(PostgresServers.shared(major)).entrySet()) {
                rows.computeIfAbsent(row.getKey(), name -> new LinkedHashMap<>()).put(major, row.getValue());
            }
        }
        StringBuilder text = new StringBuilder(HEADER);
        rows.forEach((name, byMajor) -> lines(name, byMajor).forEach(line -> text.append(line).append('\n')));
        return text.toString();
    }

    private static Map<String, String> read(EmbeddedPostgres server) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = PostgresServers.superuser(server, "postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(SQL)) {
            while (r.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 2; i <= 8; i++) {
                    String value = r.getString(i);
                    if (value.contains("\t") || value.contains("\n")) {
                        throw new IllegalStateException(r.getString(1) + " has a tab or line break in column " + i);
                    }
                    columns.add(value);
                }
                rows.put(r.getString(1), String.join("\t", columns));
            }
        }
        return rows;
    }

    /** The setting's lines: a run of consecutive majors with the same row is one line. */
    private static List<String> lines(String name, Map<Integer, String> byMajor) {
        List<String> lines = new ArrayList<>();
        Integer first = null;
        Integer last = null;
        for (Map.Entry<Integer, String> entry : byMajor.entrySet()) {
            if (first != null && (entry.getKey() != last + 1 || !entry.getValue().equals(byMajor.get(first)))) {
                lines.add(line(name, first, last, byMajor.get(first)));
                first = null;
            }
            if (first == null) {
                first = entry.getKey();
            }
            last = entry.getKey();
        }
        lines.add(line(name, first, last, byMajor.get(first)));
        return lines;
    }

    private static String line(String name, int first, int last, String row) {
        return name + "\t" + (first == last ? String.valueOf(first) : first + "-" + last) + "\t" + row;
    }
}
