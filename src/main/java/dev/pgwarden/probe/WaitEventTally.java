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
    /** The wait_event_type of heavyweight lock waits, whose samples name what blocked them. */
    static final String LOCK = "Lock";

    private final Map<String, Map<String, Map<Long, Long>>> queriesByEvent = new LinkedHashMap<>();
    /** Per Lock event, the waiting/blocking pairs by {@link #pairKey}: the first seen (its texts as examples), and how often. */
    private final Map<String, Map<List<Object>, BlockedStatement>> firstPairs = new LinkedHashMap<>();
    private final Map<String, Map<List<Object>, Long>> pairCounts = new LinkedHashMap<>();
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

    /** A lock waiter of the last {@link #add}: which statement waited behind which. */
    void addBlocked(String event, BlockedStatement pair) {
        List<Object> key = pairKey(pair);
        firstPairs.computeIfAbsent(event, e -> new LinkedHashMap<>()).putIfAbsent(key, pair);
        pairCounts.computeIfAbsent(event, e -> new LinkedHashMap<>()).merge(key, 1L, Long::sum);
    }

    /**
     * One statement is one query id whatever its constants (texts sent with literals differ at each execution), so a
     * pair is counted by its query ids where the server computed them, by its texts where not.
     */
    private static List<Object> pairKey(BlockedStatement pair) {
        return java.util.Arrays.asList(pair.waitingQueryId() != 0 ? pair.waitingQueryId() : pair.waitingQuery(),
                pair.blockingQueryId() != 0 ? pair.blockingQueryId() : pair.blockingQuery(), pair.blockingState());
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
                        top(queries), type.equals(LOCK) ? blocked(event) : List.of()))));
        events.sort(Comparator.comparingLong(WaitEventCount::samples).reversed());
        return new WaitEventProfile(target, null, startedAt, durationS, intervalMs, ticks, activeSamples, events,
                queryIdsUnavailable);
    }

    private List<BlockedStatement> blocked(String event) {
        return OrderedMaps.byValueDescending(pairCounts.getOrDefault(event, Map.of())).entrySet().stream()
                .limit(TOP_QUERIES).map(e -> firstPairs.get(event).get(e.getKey()).withSamples(e.getValue())).toList();
    }

    /** Query id 0 stands for "none computed" (PostgreSQL never computes 0), and is not named. */
    private static List<QuerySamples> top(Map<Long, Long> queries) {
        return OrderedMaps.byValueDescending(queries).entrySet().stream().filter(e -> e.getKey() != 0).limit(TOP_QUERIES)
                .map(e -> new QuerySamples(e.getKey(), e.getValue())).toList();
    }
}
