package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Reads the maps of {@code postgres-usdt.bt} and the statements of {@code read-latency.bt} from bpftrace's JSON
 * output into a {@link PostgresTrace}. Statements of a process that is not a client backend (a WAL sender, a
 * background worker talking to another server: {@code databaseOfPid} gives null) are not statements and are left out.
 * Keys of several parts come joined by commas ({@code "4,7,5,16384"}); a statement's text, the last part of
 * its key, may itself hold commas.
 *
 * <p>The objects may come from several bpftrace runs, the main one and one per sampled backend ({@link BackendTracers}),
 * one after the other: histograms of one key are merged, sums and counts added. Maps of maxima are keyed by pid, which
 * one run alone traces, so they never meet.
 */
final class UsdtOutputParser {

    private final String source;
    private final LongFunction<String> databaseOfPid;
    private final LockNames lockNames;
    private final long thresholdUs;

    UsdtOutputParser(String source, LongFunction<String> databaseOfPid, LockNames lockNames, long thresholdUs) {
        this.source = source;
        this.databaseOfPid = databaseOfPid;
        this.lockNames = lockNames;
        this.thresholdUs = thresholdUs;
    }

    PostgresTrace parse(List<Map.Entry<Integer, JsonNode>> objects) {
        List<RawHistogram> hists = new BpftraceJsonParser(source).parseAll(objects);
        Map<String, JsonNode> maps = values(objects);
        return new PostgresTrace(statements(hists, maps), lockWaits(hists, maps), lwlockWaits(hists, maps),
                relationReads(maps));
    }

    private StatementTrace statements(List<RawHistogram> hists, Map<String, JsonNode> maps) {
        KeyedHistogramMerger merger = new KeyedHistogramMerger(source);
        Map<String, List<RawHistogram>> byDatabase = new TreeMap<>();
        List<RawHistogram> clients = new ArrayList<>();
        for (RawHistogram h : named(hists, "statement_us")) {
            String database = databaseOfPid.apply(Long.parseLong(h.key()));
            if (database != null) {
                byDatabase.computeIfAbsent(database, d -> new ArrayList<>()).add(h);
                clients.add(h);
            }
        }
        Map<String, LatencyHistogram> perDatabase = new LinkedHashMap<>();
        byDatabase.forEach((db, parts) -> perDatabase.put(db, withoutKeys(merger.merge(parts, "statement_us"), db)));
        Map<String, SlowStatement> slow = new LinkedHashMap<>();
        addSlow(slow, maps.get("slow_count"), maps.get("slow_max_us"), StatementText::kept);
        addSlow(slow, maps.get("slow_unseen_count"), maps.get("slow_unseen_max_us"),
                code -> SlowStatement.unseen(Integer.parseInt(code.strip())));
        List<SlowStatement> slowest = slow.values().stream()
                .sorted(Comparator.comparingLong(SlowStatement::maxUs).reversed()).toList();
        return new StatementTrace(withoutKeys(merger.merge(clients, "statement_us"), "cluster"),
                perDatabase, slowest, thresholdUs, clientsTotal(maps.get("statement_total_us")));
    }

    /** The statements' total time: keyed by pid, the client backends' alone; one number in older scripts' output. */
    private long clientsTotal(JsonNode total) {
        if (total == null) {
            return 0;
        }
        if (!total.isObject()) {
            return total.asLong();
        }
        long sum = 0;
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) total::fields) {
            if (databaseOfPid.apply(Long.parseLong(e.getKey().strip())) != null) {
                sum += e.getValue().asLong();
            }
        }
        return sum;
    }

    /** Adds slow statements keyed {@code pid,text} (or {@code pid,code}), merging one database's equal texts. */
    private void addSlow(Map<String, SlowStatement> slow, JsonNode counts, JsonNode worst,
                         Function<String, String> text) {
        if (counts == null || worst == null) {
            return;
        }
        counts.fields().forEachRemaining(e -> {
            String[] key = e.getKey().split(",", 2);
            String db = databaseOfPid.apply(Long.parseLong(key[0]));
            if (db == null) {
                return;
            }
            String shown = text.apply(key.length > 1 ? key[1] : "");
            SlowStatement seen = new SlowStatement(db, shown, e.getValue().asLong(), worst.path(e.getKey()).asLong());
            slow.merge(db + "\0" + shown, seen, (a, b) ->
                    new SlowStatement(db, shown, a.count() + b.count(), Math.max(a.maxUs(), b.maxUs())));
        });
    }

    private List<LockWaitTrace> lockWaits(List<RawHistogram> hists, Map<String, JsonNode> maps) {
        JsonNode totals = maps.get("lock_wait_total_us");
        List<LockWaitTrace> waits = new ArrayList<>();
        for (RawHistogram h : named(hists, "lock_wait_us")) {
            String[] key = h.key().split(",");
            waits.add(new LockWaitTrace(lockNames.type(Integer.parseInt(key[0])), LockNames.mode(Integer.parseInt(key[1])),
                    Long.parseLong(key[2]), Long.parseLong(key[3]), histogram("lock_wait", h),
                    totals == null ? 0 : totals.path(h.key()).asLong()));
        }
        return waits;
    }

    private List<LwlockWaitTrace> lwlockWaits(List<RawHistogram> hists, Map<String, JsonNode> maps) {
        JsonNode totals = maps.get("lwlock_wait_total_us");
        Map<String, List<RawHistogram>> byTranche = new LinkedHashMap<>();
        named(hists, "lwlock_wait_us").forEach(h -> byTranche.computeIfAbsent(h.key(), k -> new ArrayList<>()).add(h));
        KeyedHistogramMerger merger = new KeyedHistogramMerger(source);
        return byTranche.entrySet().stream().map(e -> new LwlockWaitTrace(e.getKey(),
                withoutKeys(merger.merge(e.getValue(), "lwlock_wait_us"), "lwlock_wait"),
                totals == null ? 0 : totals.path(e.getKey()).asLong())).toList();
    }

    private List<RelationReadTrace> relationReads(Map<String, JsonNode> maps) {
        List<RelationReadTrace> reads = new ArrayList<>();
        JsonNode stats = maps.get("relation_read_us");
        if (stats != null) {
            stats.fields().forEachRemaining(e -> {
                String[] key = e.getKey().split(",");
                reads.add(new RelationReadTrace(Long.parseLong(key[0]), Long.parseLong(key[1]), Long.parseLong(key[2]),
                        e.getValue().path("count").asLong(), e.getValue().path("total").asLong()));
            });
        }
        reads.sort(Comparator.comparingLong(RelationReadTrace::totalUs).reversed());
        return reads;
    }

    private LatencyHistogram histogram(String name, RawHistogram raw) {
        return withoutKeys(new KeyedHistogramMerger(source).merge(List.of(raw), raw.name()), name);
    }

    private static LatencyHistogram withoutKeys(LatencyHistogram merged, String name) {
        return new LatencyHistogram(name, merged.buckets(), Map.of());
    }

    private static List<RawHistogram> named(List<RawHistogram> hists, String name) {
        return hists.stream().filter(h -> h.name().equals(name) && h.key() != null).toList();
    }

    /**
     * The data of every {@code map} and {@code stats} line, by map name without the {@code @}; a map printed by several
     * runs is one, its numbers added where keys meet.
     */
    private static Map<String, JsonNode> values(List<Map.Entry<Integer, JsonNode>> objects) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Map.Entry<Integer, JsonNode> entry : objects) {
            String type = entry.getValue().path("type").asText();
            if (type.equals("map") || type.equals("stats")) {
                entry.getValue().path("data").fields().forEachRemaining(map ->
                        values.merge(BpftraceJsonParser.mapName(map.getKey()), map.getValue(), UsdtOutputParser::added));
            }
        }
        return values;
    }

    private static JsonNode added(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return LongNode.valueOf(a.asLong() + b.asLong());
        }
        if (!a.isObject() || !b.isObject()) {
            return b;
        }
        ObjectNode sum = ((ObjectNode) a).deepCopy();
        b.fields().forEachRemaining(e -> sum.set(e.getKey(), sum.has(e.getKey()) ? added(sum.get(e.getKey()), e.getValue())
                : e.getValue()));
        return sum;
    }
}
