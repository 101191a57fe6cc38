package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which database each backend of a cluster serves, read from its process title while the probe runs
 * ({@code postgres: [cluster_name: ]user database host(port) activity}, see update_process_title). The
 * script keys statements by pid; a backend that came and went between two looks is not named and its
 * statements count under {@value #UNKNOWN}.
 */
final class BackendDatabases {

    /** The database of a backend the probe did not see. */
    static final String UNKNOWN = "?";

    private static final Pattern TITLE = Pattern.compile(
            "^postgres: (?:\\S+: )?(\\S+) (\\S+) (?:\\[local]|\\S+\\(\\d+\\)|\\S+)(?: |$)");

    private final Path proc;
    private final long postmasterPid;
    private final Map<Long, String> databases = new ConcurrentHashMap<>();

    BackendDatabases(Path proc, long postmasterPid) {
        this.proc = proc;
        this.postmasterPid = postmasterPid;
    }

    /** Looks at the postmaster's children now; called at start and about once a second while tracing. */
    void look() {
        try (Stream<Path> entries = Files.list(proc)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(this::lookAt);
        } catch (IOException e) {
            // no procfs: statements count under the unknown database
        }
    }

    /** The database of a backend, or {@value #UNKNOWN}. */
    String of(long pid) {
        return databases.getOrDefault(pid, UNKNOWN);
    }

    private void lookAt(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
            if (parent != postmasterPid) {
                return;
            }
            long pid = Long.parseLong(process.getFileName().toString());
            database(Files.readAllBytes(process.resolve("cmdline"))).ifPresent(db -> databases.put(pid, db));
        } catch (IOException | RuntimeException e) {
            // the process ended while we looked
        }
    }

    /** The database in a backend's process title; empty for auxiliary processes. */
    static Optional<String> database(byte[] cmdline) {
        String title = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        Matcher m = TITLE.matcher(title + " ");
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }
}
