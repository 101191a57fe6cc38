package dev.pgwarden.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits pgwarden puts on its own session so that it never hangs and never blocks the target's
 * workload: queries are cancelled after {@code statementTimeout}, lock waits after
 * {@code lockTimeout}, and connecting gives up after {@code connectTimeout}.
 *
 * @param statementTimeout longest a query may run; zero disables the limit
 * @param lockTimeout      longest a query may wait for a lock; zero disables the limit
 * @param connectTimeout   longest connecting and logging in may take; must be positive, and is
 *                         rounded up to whole seconds because pgjdbc counts in seconds. A connect
 *                         timeout in the {@link ConnectionSettings} (URL or PGCONNECT_TIMEOUT)
 *                         takes precedence, as the more specific setting.
 */
public record SessionOptions(Duration statementTimeout, Duration lockTimeout, Duration connectTimeout) {

    /** Timeouts are stored in milliseconds as a 32-bit integer by PostgreSQL. */
    private static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);

    public SessionOptions {
        requireNotNegative(statementTimeout, "statementTimeout");
        requireNotNegative(lockTimeout, "lockTimeout");
        requireNotNegative(connectTimeout, "connectTimeout");
        if (connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: pgwarden must fail fast on an unreachable target");
        }
    }

    /** 10 s per statement, 5 s per lock wait, 10 s to connect. */
    public static SessionOptions defaults() {
        return new SessionOptions(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The connect timeout in whole seconds, rounded up, as pgjdbc wants it. */
    int connectTimeoutSeconds() {
        long millis = connectTimeout.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        if (value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + LONGEST + " (PostgreSQL's limit), got " + value);
        }
    }
}
