package dev.pgwarden.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libpq password file ({@code ~/.pgpass} or {@code PGPASSFILE}): lines of
 * {@code host:port:database:username:password}, where a field that is just {@code *} matches
 * anything, {@code \:} and {@code \\} stand for ':' and '\', '#' starts a comment line, and the
 * first matching line wins.
 */
final class PgPassFile {

    private static final Logger LOG = LoggerFactory.getLogger(PgPassFile.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** One line; a {@code null} field is the wildcard. */
    private record Entry(String host, String port, String database, String user, String password) {
        boolean matches(String h, String p, String d, String u) {
            return field(host, h) && field(port, p) && field(database, d) && field(user, u);
        }

        private static boolean field(String pattern, String value) {
            return pattern == null || pattern.equals(value);
        }

        @Override
        public String toString() {
            return "Entry[" + host + ":" + port + ":" + database + ":" + user + ":" + Messages.MASK + "]";
        }
    }

    private final List<Entry> entries;

    private PgPassFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the file. A missing file is empty; so is, like in libpq, a file that group or others
     * may access (a one-line warning says why), since its passwords may be known to others.
     */
    static PgPassFile load(Path path) {
        if (!Files.exists(path)) {
            return parse(List.of());
        }
        if (!Files.isRegularFile(path)) {
            LOG.warn("ignoring password file {}: not a plain file", path);
            return parse(List.of());
        }
        try {
            if (accessibleByOthers(path)) {
                LOG.warn("ignoring password file {}: group or others can access it; run chmod 0600 {}", path, path);
                return parse(List.of());
            }
            return parse(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("ignoring password file {}: cannot read it ({})", path, e.getMessage());
            return parse(List.of());
        }
    }

    static PgPassFile parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            // like libpq, a line with fewer than five fields never matches
            if (fields.size() >= 5) {
                entries.add(new Entry(wild(fields.get(0)), wild(fields.get(1)), wild(fields.get(2)),
                        wild(fields.get(3)), unescape(fields.get(4))));
            }
        }
        return new PgPassFile(entries);
    }

    /** The password of the first line matching all four values, if any. */
    Optional<String> find(String host, int port, String database, String user) {
        String portText = Integer.toString(port);
        return entries.stream()
                .filter(entry -> entry.matches(host, portText, database, user))
                .map(Entry::password)
                .findFirst();
    }

    private static boolean accessibleByOthers(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.stream().anyMatch(GROUP_OR_OTHERS::contains);
        } catch (UnsupportedOperationException e) {
            return false; // not POSIX (Windows): libpq does not check there either
        }
    }

    /** Splits on unescaped ':' and keeps the escapes, so that "\*" can be told from "*". */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(c).append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String wild(String field) {
        return field.equals("*") ? null : unescape(field);
    }

    private static String unescape(String field) {
        StringBuilder result = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            result.append(c == '\\' && i + 1 < field.length() ? field.charAt(++i) : c);
        }
        return result.toString();
    }
}
