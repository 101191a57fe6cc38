package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition on a real server (statistics to arrive, say) instead of sleeping a fixed time. */
public final class Polling {

    private Polling() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until a query answers true, asking each time from a new session: statistics reach other
     * sessions through the collector before PostgreSQL 15, and when the writing session flushes from 15.
     */
    public static void untilTrue(EmbeddedPostgres postgres, String database, String booleanQuery) throws Exception {
        until(booleanQuery, Duration.ofSeconds(10),
                () -> Boolean.TRUE.equals(PostgresServers.queryValue(postgres, database, booleanQuery)));
    }

    /** Waits until a table's pg_stat_user_tables row satisfies a condition such as {@code n_live_tup >= 5000}. */
    public static void untilTableStatistics(EmbeddedPostgres postgres, String database, String table, String condition)
            throws Exception {
        untilTrue(postgres, database,
                "SELECT " + condition + " FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass");
    }
}
