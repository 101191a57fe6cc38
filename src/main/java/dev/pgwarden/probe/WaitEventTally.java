package dev.pgwarden.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts the samples of one sampling run per wait event and, within each, per query id. Not thread-safe. */
final class WaitEventTally {

    /** How many statements each event names: enough to point at the culprit, few enough to read. */
    static final int TOP_QUERIES = 5;

    private final Map<String, Map<String, Map<Long, Long>>> queriesByEvent = new LinkedHashMap<>();
    private long ticks;
    private long activeSamples;

    void tick() {
        ticks++;
    }

    /** @param queryId null when the server computed none */
    void add(String type, String event, Long queryId) {
        activeSamples++;
        queriesByEvent.computeIfAbsent(type, t -> new LinkedHashMap<>()).computeIfAbsent(event, e -> new LinkedHashMap<>())
                .merge(queryId == null || queryId == 0 ? 0L : queryId, 1L, Long::sum);
    }

    long activeSamples() {
        return activeSamples;
    }

    boolean sawQueryId() {
        return queriesByEvent.values().stream().flatMap(events -> events.values().stream())
                .anyMatch(queries -> queries.keySet().stream().anyMatch(id -> id != 0));
    }

    WaitEventProfile profile(String target, Instant startedAt, double durationS, long intervalMs, String queryIdsUnavailable) {
        List<WaitEventCount> events = new ArrayList<>();
        queriesByEvent.forEach((type, byEvent) -> byEvent.forEach((event, queries) ->
                events.add(new WaitEventCount(type, event, queries.values().stream().mapToLong(Long::longValue).sum(),
                        top(queries)))));
        events.sort(Comparator.comparingLong(WaitEventCount::samples).reversed());
        return new WaitEventProfile(target, null, startedAt, durationS, intervalMs, ticks, activeSamples, events,
                queryIdsUnavailable);
    }

    /** Query id 0 stands for "none computed" (PostgreSQL never computes 0), and is not named. */
    private static List<QuerySamples> top(Map<Long, Long> queries) {
        return OrderedMaps.byValueDescending(queries).entrySet().stream().filter(e -> e.getKey() != 0).limit(TOP_QUERIES)
                .map(e -> new QuerySamples(e.getKey(), e.getValue())).toList();
    }
}
