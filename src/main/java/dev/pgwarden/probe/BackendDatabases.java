package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which database each backend of a cluster serves, read from its process title while the probe runs
 * ({@code postgres: [cluster_name: ]user database host(port) activity}, see update_process_title). The
 * script keys statements by pid; a backend that came and went between two looks is not named and its
 * statements count under {@value #UNKNOWN}. Each look also keeps the client backends alive at that moment, from
 * which {@link BackendSample} picks the backends to trace.
 */
final class BackendDatabases {

    /** The database of a backend the probe did not see. */
    static final String UNKNOWN = "?";

    private static final Pattern TITLE = Pattern.compile(
            "^postgres: (?:\\S+: )?(\\S+) (\\S+) (?:\\[local]|\\S+\\(\\d+\\)|\\S+)(?: |$)");
    /** A client's connection is {@code [local]} or {@code host(port)}; a background worker's title has neither. */
    private static final Pattern CLIENT = Pattern.compile(
            "^postgres: (?:\\S+: )?(\\S+) (\\S+) (?:\\[local]|\\S+\\(\\d+\\))(?: |$)");
    /** Replication connections look like clients but run no statements. */
    private static final String WALSENDER = "walsender";

    private final Path proc;
    private final long postmasterPid;
    private final Map<Long, String> databases = new ConcurrentHashMap<>();
    /** Processes whose title says they serve no client: a WAL sender's or a worker's socket traffic is no statement. */
    private final Set<Long> notClients = ConcurrentHashMap.newKeySet();
    /** pgwarden's own sessions (its wait-event sampler's): neither traced nor counted. */
    private final Set<Long> own;
    private volatile Map<Long, String> clients = Map.of();

    BackendDatabases(Path proc, long postmasterPid, Set<Long> own) {
        this.proc = proc;
        this.postmasterPid = postmasterPid;
        this.own = Set.copyOf(own);
    }

    /** Looks at the postmaster's children now; called at start and about once a second while tracing. */
    void look() {
        Map<Long, String> now = new TreeMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> lookAt(p, now));
        } catch (IOException e) {
            // no procfs: statements count under the unknown database
        }
        clients = Collections.unmodifiableMap(now);
    }

    /** The client backends alive at the last look, with their databases, by pid. */
    Map<Long, String> clients() {
        return clients;
    }

    /** The database of a backend, {@value #UNKNOWN}, or null for a process seen serving no client or pgwarden. */
    String of(long pid) {
        return notClients.contains(pid) || own.contains(pid) ? null : databases.getOrDefault(pid, UNKNOWN);
    }

    private void lookAt(Path process, Map<Long, String> clientsNow) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
            if (parent != postmasterPid) {
                return;
            }
            long pid = Long.parseLong(process.getFileName().toString());
            if (own.contains(pid)) {
                return;
            }
            byte[] cmdline = Files.readAllBytes(process.resolve("cmdline"));
            database(cmdline).ifPresent(db -> databases.put(pid, db));
            Optional<String> client = clientDatabase(cmdline);
            client.ifPresent(db -> clientsNow.put(pid, db));
            // a backend not yet past its startup packet still has the postmaster's command line as its title
            if (client.isPresent()) {
                notClients.remove(pid);
            } else if (titled(cmdline)) {
                notClients.add(pid);
            }
        } catch (IOException | RuntimeException e) {
            // the process ended while we looked
        }
    }

    /** The database in a backend's process title; empty for auxiliary processes. */
    static Optional<String> database(byte[] cmdline) {
        return matched(TITLE, cmdline).map(m -> m.group(2));
    }

    /** The database of a client backend's process title; empty for auxiliary, background and WAL sender processes. */
    static Optional<String> clientDatabase(byte[] cmdline) {
        return matched(CLIENT, cmdline).filter(m -> !m.group(1).equals(WALSENDER)).map(m -> m.group(2));
    }

    /** Whether the process has set a title of its own ({@code postgres: ...}). */
    static boolean titled(byte[] cmdline) {
        return new String(cmdline, StandardCharsets.UTF_8).startsWith("postgres: ");
    }

    private static Optional<Matcher> matched(Pattern pattern, byte[] cmdline) {
        String title = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        Matcher m = pattern.matcher(title + " ");
        return m.find() ? Optional.of(m) : Optional.empty();
    }
}
