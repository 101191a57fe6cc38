package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Following one sample's lock chains to their roots: a long queue, a prepared transaction, a deadlock. */
class LockRootsTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void everyWaiterOfALongQueueIsNamedBehindTheSessionIdleInItsTransaction() {
        List<ActivityRow> rows = new ArrayList<>();
        rows.add(new ActivityRow(false, 10, "Client", "ClientRead", 5L, null, "idle in transaction", T0,
                "UPDATE t SET n = n + 1 WHERE id = 1"));
        rows.add(waiter(11, "transactionid", List.of(10)));
        List<Integer> ahead = new ArrayList<>(List.of(11));
        for (int pid = 12; pid < 200; pid++) {
            rows.add(waiter(pid, "tuple", List.copyOf(ahead))); // soft-blocked by every waiter ahead of it
            ahead.add(pid);
        }
        LockRoots roots = new LockRoots(rows);

        assertThat(rows.subList(1, rows.size())).allSatisfy(w -> {
            BlockedStatement pair = roots.blocked(w);
            assertThat(pair.blockingQuery()).isEqualTo("UPDATE t SET n = n + 1 WHERE id = 1");
            assertThat(pair.blockingState()).isEqualTo("idle in transaction");
            assertThat(pair.blockingQueryId()).isEqualTo(5);
            assertThat(pair.waitingQueryId()).isEqualTo(7);
        });
    }

    @Test
    void aPreparedTransactionHasNoStatementAndTheOldestRootIsNamedFirst() {
        ActivityRow waiter = waiter(20, "transactionid", List.of(0, 21, 22));
        ActivityRow younger = new ActivityRow(false, 21, null, null, null, null, "idle in transaction", T0.plusSeconds(9), "DELETE FROM t");
        ActivityRow older = new ActivityRow(false, 22, null, null, null, null, "idle in transaction", T0, "ALTER ROLE app PASSWORD 'x'");

        BlockedStatement pair = new LockRoots(List.of(waiter, younger, older)).blocked(waiter);
        BlockedStatement prepared = new LockRoots(List.of(waiter(23, "transactionid", List.of(0)))).blocked(waiter(23, "transactionid", List.of(0)));

        assertThat(pair.blockingQuery()).isEqualTo("ALTER ROLE … (utility statement, text withheld)");
        assertThat(prepared.blockingState()).isEqualTo("prepared transaction");
        assertThat(prepared.blockingQuery()).isNull();
        assertThat(prepared.describe()).endsWith("behind a prepared transaction");
    }

    @Test
    void aDeadlockHasNoRoot() {
        ActivityRow a = waiter(30, "transactionid", List.of(31));
        ActivityRow b = waiter(31, "transactionid", List.of(30));

        BlockedStatement pair = new LockRoots(List.of(a, b)).blocked(a);

        assertThat(pair.blockingState()).isNull();
        assertThat(pair.describe()).contains("behind no root seen in the sample (a deadlock, or the chain changed while it was read)");
    }

    @Test
    void aCycleSeenAcrossTwoReadsOfTheLockTableDoesNotHideTheRootReachedAnotherWay() {
        ActivityRow root = new ActivityRow(true, 40, "IO", "WALSync", 9L, null, "active", T0, "END;");
        ActivityRow a = waiter(41, "transactionid", List.of(42, 40));
        ActivityRow b = waiter(42, "tuple", List.of(41));
        ActivityRow c = waiter(43, "tuple", List.of(42));
        LockRoots roots = new LockRoots(List.of(root, a, b, c));

        // a first: its search meets the cycle at b, which must not be remembered as rootless for c
        assertThat(roots.blocked(a).blockingQueryId()).isEqualTo(9);
        assertThat(roots.blocked(c).blockingQueryId()).isEqualTo(9);
        assertThat(roots.blocked(b).blockingQueryId()).isEqualTo(9);
    }

    private static ActivityRow waiter(int pid, String event, List<Integer> blockers) {
        return new ActivityRow(true, pid, "Lock", event, 7L, blockers, "active", T0.plusSeconds(pid), "UPDATE t SET n = n + 1 WHERE id = 1");
    }
}
