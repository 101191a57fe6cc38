package dev.pgwarden.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses the client backends whose statements and LWLock waits are traced when the probe traces a sample of them
 * ({@code probe --statement-backends N}): at most N at once, spread across databases first (round robin by database, oldest backend
 * first within one), so each database with clients gets a traced backend where N allows. Called about once a
 * second with the client backends alive; a traced backend that exits frees its slot for a newer one.
 */
final class BackendSample {

    private final int limit;
    private final Map<String, Set<Long>> seen = new TreeMap<>();
    private final Map<String, Set<Long>> traced = new TreeMap<>();
    /** Backends once chosen, traced or not (a tracer that could not attach is not retried). */
    private final Set<Long> chosen = new java.util.HashSet<>();

    BackendSample(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException(StatementBackends.OPTION + " must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * @param clients the client backends alive now with their databases, by pid
     * @param tracing the backends whose tracers still run
     * @return the backends to start tracing now, at most the free slots
     */
    List<Long> choose(Map<Long, String> clients, Set<Long> tracing) {
        clients.forEach((pid, db) -> seen.computeIfAbsent(db, d -> new TreeSet<>()).add(pid));
        Map<String, Integer> perDatabase = new TreeMap<>();
        tracing.forEach(pid -> perDatabase.merge(clients.getOrDefault(pid, BackendDatabases.UNKNOWN), 1, Integer::sum));
        Map<String, TreeSet<Long>> candidates = new TreeMap<>();
        clients.forEach((pid, db) -> {
            if (!chosen.contains(pid)) {
                candidates.computeIfAbsent(db, d -> new TreeSet<>()).add(pid);
            }
        });
        List<Long> start = new ArrayList<>();
        for (int free = limit - tracing.size(); free > 0 && !candidates.isEmpty(); free--) {
            // the database with the fewest traced backends, by name among equals
            String db = candidates.keySet().stream()
                    .min(Comparator.comparingInt((String d) -> perDatabase.getOrDefault(d, 0)).thenComparing(d -> d))
                    .orElseThrow();
            TreeSet<Long> pids = candidates.get(db);
            long pid = pids.pollFirst();
            if (pids.isEmpty()) {
                candidates.remove(db);
            }
            perDatabase.merge(db, 1, Integer::sum);
            chosen.add(pid);
            start.add(pid);
        }
        return start;
    }

    /** A tracer attached to this backend of that database: its statements are measured from now on. */
    void traced(long pid, String database) {
        traced.computeIfAbsent(database, d -> new LinkedHashSet<>()).add(pid);
        seen.computeIfAbsent(database, d -> new TreeSet<>()).add(pid);
    }

    /** The sample as the envelope records it. */
    SampledBackends result() {
        Map<String, SampledBackends.Backends> perDatabase = new TreeMap<>();
        seen.forEach((db, pids) -> perDatabase.put(db, new SampledBackends.Backends(pids.size(),
                List.copyOf(traced.getOrDefault(db, Set.of())))));
        return new SampledBackends(limit, perDatabase);
    }
}
