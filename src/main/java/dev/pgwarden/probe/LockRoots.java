package dev.pgwarden.probe;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The lock chains of one sample: for each backend waiting for a heavyweight lock, the sessions at the root of what
 * blocks it, found by following pg_blocking_pids through blockers that wait themselves to ones that do not. Each
 * backend's roots are found once, so a queue of n waiters (each soft-blocked by all ahead of it) costs n² steps.
 */
final class LockRoots {

    /** pg_blocking_pids names a prepared transaction's lock holder as pid 0: it has no session. */
    private static final int PREPARED = 0;

    private final Map<Integer, ActivityRow> byPid;
    private final Map<Integer, Set<Integer>> roots = new HashMap<>();

    LockRoots(List<ActivityRow> rows) {
        this.byPid = rows.stream().collect(Collectors.toMap(ActivityRow::pid, Function.identity(), (a, b) -> a));
    }

    /**
     * The waiter's statement and its root's, the root in the oldest transaction first (a prepared transaction last);
     * the root unseen when the chain is a cycle (a deadlock, which the server breaks) or its blocker is gone.
     */
    BlockedStatement blocked(ActivityRow waiter) {
        ActivityRow root = rootsOf(waiter.pid(), new HashSet<>(), new boolean[1]).stream().filter(pid -> pid != waiter.pid())
                .map(pid -> byPid.getOrDefault(pid,
                        new ActivityRow(false, pid, null, null, null, null, pid == PREPARED ? "prepared transaction" : null, null, null)))
                .min(Comparator.comparing(ActivityRow::xactStart, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                        .thenComparing(r -> r.pid() == PREPARED).thenComparing(ActivityRow::pid))
                .orElse(null);
        String rootQuery = root == null || root.query() == null || root.query().isBlank() ? null : StatementText.kept(root.query());
        return new BlockedStatement(idOf(waiter), StatementText.kept(String.valueOf(waiter.query())),
                root == null ? 0 : idOf(root), rootQuery, root == null ? null : root.state(), 1);
    }

    /**
     * Each call of pg_blocking_pids reads the lock table at its own instant, so one sample can show a cycle no instant
     * had; a backend whose search met one is not remembered, so it cannot hide a root reached another way.
     */
    private Set<Integer> rootsOf(int pid, Set<Integer> visiting, boolean[] metCycle) {
        Set<Integer> known = roots.get(pid);
        if (known != null) {
            return known;
        }
        ActivityRow row = byPid.get(pid);
        if (row == null || !row.waitsForLock() || row.blockingPids().isEmpty()) {
            return Set.of(pid);
        }
        if (!visiting.add(pid)) {
            metCycle[0] = true; // back on the chain: a cycle has no root of its own
            return Set.of();
        }
        boolean outer = metCycle[0];
        metCycle[0] = false;
        Set<Integer> found = new TreeSet<>();
        row.blockingPids().forEach(blocker -> found.addAll(rootsOf(blocker, visiting, metCycle)));
        visiting.remove(pid);
        if (!metCycle[0]) {
            roots.put(pid, found);
        }
        metCycle[0] |= outer;
        return found;
    }

    private static long idOf(ActivityRow row) {
        return row.queryId() == null ? 0 : row.queryId();
    }
}
