package dev.pgwarden.probe;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The wait-event profile sampled from {@code pg_stat_activity} during a probe: at each tick, what each
 * active client backend (and parallel worker) waited for. Shares are samples of an event over
 * {@link #activeSamples}: the part of the active backends' time spent in it. The envelope keeps it under
 * {@code wait_events} (see docs/probe.md).
 *
 * @param target              the server sampled ({@code host:port/database})
 * @param reason              why nothing was measured (no pg_read_all_stats, sampling failed); null when measured
 * @param startedAt           when sampling began
 * @param durationS           seconds sampled
 * @param intervalMs          the time between ticks
 * @param ticks               how many times {@code pg_stat_activity} was read
 * @param activeSamples       active backends summed over the ticks
 * @param events              samples per wait event, most first
 * @param queryIdsUnavailable why the events name no query ids (13, compute_query_id off); null when they do
 */
public record WaitEventProfile(String target, String reason, Instant startedAt, double durationS, long intervalMs,
                               long ticks, long activeSamples, List<WaitEventCount> events, String queryIdsUnavailable) {

    /** The {@code wait_event_type} of an active backend that waits for nothing. */
    public static final String CPU = "CPU";

    public WaitEventProfile {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        if (!(durationS >= 0) || intervalMs <= 0 || ticks < 0 || activeSamples < 0) {
            throw new IllegalArgumentException("durationS, ticks and activeSamples must not be negative and intervalMs"
                    + " must be positive, were " + durationS + ", " + ticks + ", " + activeSamples + ", " + intervalMs);
        }
        events = List.copyOf(events);
        long counted = events.stream().mapToLong(WaitEventCount::samples).sum();
        if (counted != activeSamples) {
            throw new IllegalArgumentException("the events' samples add up to " + counted + ", not activeSamples "
                    + activeSamples);
        }
    }

    /** A profile that could not be sampled, and why. */
    public static WaitEventProfile unmeasured(String target, String reason, Instant startedAt, long intervalMs) {
        Objects.requireNonNull(reason, "reason must not be null");
        return new WaitEventProfile(target, reason, startedAt, 0, intervalMs, 0, 0, List.of(), null);
    }

    public boolean measured() {
        return reason == null;
    }

    /** Samples per wait-event type, most first. */
    public Map<String, Long> types() {
        Map<String, Long> types = new LinkedHashMap<>();
        events.forEach(e -> types.merge(e.type(), e.samples(), Long::sum));
        return OrderedMaps.byValueDescending(types);
    }
}
