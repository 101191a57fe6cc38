package dev.pgwarden.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One connection service file ({@code pg_service.conf}) read with libpq's rules: sections headed {@code [name]},
 * then lines of {@code keyword=value} taken as written (no spaces around '='), blank lines and lines starting
 * with '#' ignored, leading and trailing white space dropped. The first section of a name counts, and only its
 * lines are checked: a line without '=', a nested {@code service=} or a keyword pgwarden does not take is an error
 * naming the file and line (never the value, which may be a password).
 */
final class ServiceFile {

    private final Path path;
    private final List<String> lines;

    private ServiceFile(Path path, List<String> lines) {
        this.path = path;
        this.lines = List.copyOf(lines);
    }

    static ServiceFile of(Path path, List<String> lines) {
        return new ServiceFile(path, lines);
    }

    static ServiceFile read(Path path) throws TargetConfigException {
        try {
            return new ServiceFile(path, Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TargetConfigException("cannot read service file " + path + ": " + e.getMessage());
        }
    }

    /** What the section {@code [service]} says, or empty when the file has no such section. */
    Optional<TargetParts> section(String service) throws TargetConfigException {
        LibpqKeywords keywords = null;
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (keywords != null) {
                    break;
                }
                // as libpq compares it: the name right after '[' and a ']' right after the name
                keywords = line.startsWith("[" + service + "]") ? new LibpqKeywords() : null;
            } else if (keywords != null) {
                setting(keywords, line, number);
            }
        }
        return Optional.ofNullable(keywords).map(LibpqKeywords::parts);
    }

    private void setting(LibpqKeywords keywords, String line, int number) throws TargetConfigException {
        String where = "service file " + path + ", line " + number;
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw new TargetConfigException("syntax error in " + where + ": expected keyword=value");
        }
        String keyword = line.substring(0, equals);
        if (keyword.equals("service")) {
            throw new TargetConfigException("nested service specifications are not supported, in " + where);
        }
        keywords.set(keyword, line.substring(equals + 1), where);
    }
}
