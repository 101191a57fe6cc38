package dev.pgwarden.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Samples the wait-event profile: reads {@code pg_stat_activity}'s active backends every interval (by default
 * ten times a second) over one session until the duration has passed or {@link #stop} is called, and counts
 * them per wait event and query id (see {@code probe/wait-event-sample.sql} for which backends count); a backend
 * waiting for a heavyweight lock is also counted with its statement and the one at the root of what blocks it.
 * Needs no root and no eBPF, only a role that may read other roles' activity (pg_monitor).
 *
 * <p>Ticks are scheduled from the start (start + n × interval), so a slow query shortens the next pause
 * instead of drifting; a tick that overran its slot is not made up.
 */
public final class WaitEventSampler {

    /** Ten samples a second: a wait of 100 ms or more is seen at least once, at about 1 ms of server time per tick. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private static final String SAMPLE_SQL = resource("/probe/wait-event-sample.sql");
    private static final String ACCESS_SQL = resource("/probe/wait-event-access.sql");

    private final Connection connection;
    private final String target;
    private final Duration interval;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * @param connection a session of its own (read-only, as the connection package prepares it), used by one
     *                   thread at a time: {@link #backendPid} before sampling, then the one that calls {@link #sample}
     * @param target     the server's description for the profile, {@code host:port/database}
     */
    public WaitEventSampler(Connection connection, String target, Duration interval) {
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("the sampling interval must be at least 1ms, was " + interval);
        }
        this.connection = connection;
        this.target = target;
        this.interval = interval;
    }

    /** Ends a running {@link #sample} after its current tick; what was sampled is still returned. */
    public void stop() {
        stopped.countDown();
    }

    /**
     * The pid of this sampler's own backend, so that a probe of the same cluster leaves its statements out; empty
     * when the server does not say. Call before {@link #sample} starts: the session serves one caller at a time.
     */
    public OptionalLong backendPid() {
        try (PreparedStatement pid = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet result = pid.executeQuery()) {
            return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    /** A profile of this sampler's server that measured nothing, and why. */
    WaitEventProfile unmeasured(String reason) {
        return WaitEventProfile.unmeasured(target, reason, Instant.now(), interval.toMillis());
    }

    /** Samples for at most {@code duration}; a failure becomes an unmeasured profile that says why. */
    public WaitEventProfile sample(Duration duration) {
        Instant started = Instant.now();
        try {
            Access access = access();
            if (!access.readsAllStats()) {
                return WaitEventProfile.unmeasured(target, "role " + access.role() + " may not read other roles' wait events"
                        + " in pg_stat_activity: GRANT pg_monitor (or pg_read_all_stats) TO " + access.role(),
                        started, interval.toMillis());
            }
            WaitEventTally tally = new WaitEventTally();
            long startNanos = System.nanoTime();
            sampleUntil(tally, startNanos, startNanos + duration.toNanos());
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return tally.profile(target, started, Math.min(seconds, duration.toMillis() / 1000.0), interval.toMillis(),
                    access.queryIdsUnavailable(tally.sawQueryId(), tally.activeSamples()));
        } catch (SQLException e) {
            return WaitEventProfile.unmeasured(target, "sampling pg_stat_activity failed: " + e.getMessage().strip(),
                    started, interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WaitEventProfile.unmeasured(target, "sampling was interrupted", started, interval.toMillis());
        }
    }

    private void sampleUntil(WaitEventTally tally, long startNanos, long endNanos) throws SQLException, InterruptedException {
        try (PreparedStatement sample = connection.prepareStatement(SAMPLE_SQL)) {
            for (long tick = 0; ; tick++) {
                long due = startNanos + tick * interval.toNanos();
                long now = System.nanoTime();
                if (due < now - interval.toNanos()) {
                    continue; // an overrun slot is skipped rather than sampled twice in a burst
                }
                if (due >= endNanos || stopped.await(Math.max(0, due - now), TimeUnit.NANOSECONDS)) {
                    return;
                }
                read(sample, tally);
            }
        }
    }

    private static void read(PreparedStatement sample, WaitEventTally tally) throws SQLException {
        tally.tick();
        List<ActivityRow> rows = new ArrayList<>();
        try (ResultSet result = sample.executeQuery()) {
            while (result.next()) {
                rows.add(ActivityRow.of(result));
            }
        }
        LockRoots chains = new LockRoots(rows);
        for (ActivityRow row : rows) {
            if (row.sampled()) {
                tally.add(row.type(), row.event(), row.queryId());
                if (row.waitsForLock()) {
                    tally.addBlocked(row.event(), chains.blocked(row));
                }
            }
        }
    }

    private Access access() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(ACCESS_SQL); ResultSet row = query.executeQuery()) {
            row.next();
            return new Access(row.getString("role_name"), row.getBoolean("reads_all_stats"),
                    row.getString("compute_query_id"), row.getInt("major"));
        }
    }

    /** What the session may see, and whether the server computes query ids. */
    private record Access(String role, boolean readsAllStats, String computeQueryId, int major) {

        String queryIdsUnavailable(boolean sawQueryId, long activeSamples) {
            if (sawQueryId || activeSamples == 0) {
                return null;
            }
            if (major < 14) {
                return "PostgreSQL " + major + " shows no query_id in pg_stat_activity (from 14 it does)";
            }
            return "compute_query_id is " + computeQueryId + ", so no query ids were computed: set compute_query_id = on"
                    + " (or load pg_stat_statements, which turns 'auto' on)";
        }
    }

    private static String resource(String name) {
        try (InputStream in = WaitEventSampler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
