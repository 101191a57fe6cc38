package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The envelope's USDT sections ({@code statements}, {@code lock_waits}, {@code lwlock_waits},
 * {@code relation_reads}), written beside {@code histograms} and read back. A section is absent when its signal
 * was not measured. Histograms are written as in {@code histograms}, without keys.
 */
final class PostgresTraceJson {

    static final String STATEMENTS = ProbeSignals.STATEMENTS;
    static final String LOCK_WAITS = ProbeSignals.LOCK_WAITS;
    static final String LWLOCK_WAITS = ProbeSignals.LWLOCK_WAITS;
    static final String RELATION_READS = ProbeSignals.RELATION_READS;
    /** Optional in format 3: absent where every backend was traced, as in files written before sampling. */
    static final String SAMPLED_BACKENDS = "sampled_backends";

    private final EnvelopeParser envelope;
    private final String source;

    PostgresTraceJson(EnvelopeParser envelope) {
        this.envelope = envelope;
        this.source = envelope.source();
    }

    static void write(PostgresTrace trace, ObjectNode root) {
        if (trace.statements() != null) {
            StatementTrace s = trace.statements();
            ObjectNode node = root.putObject(STATEMENTS).put("threshold_us", s.thresholdUs()).put("total_us", s.totalUs());
            node.set("cluster", EnvelopeJson.toJson(s.cluster()));
            ObjectNode perDatabase = node.putObject("per_database");
            s.perDatabase().forEach((db, h) -> perDatabase.set(db, EnvelopeJson.toJson(h)));
            ArrayNode slowest = node.putArray("slowest");
            s.slowest().forEach(st -> slowest.addObject().put("database", st.database()).put("text", st.text())
                    .put("count", st.count()).put("max_us", st.maxUs()));
            if (s.sample() != null) {
                node.set(SAMPLED_BACKENDS, sample(s.sample()));
            }
        }
        if (trace.lockWaits() != null) {
            ArrayNode waits = root.putArray(LOCK_WAITS);
            trace.lockWaits().forEach(w -> waits.addObject().put("lock_type", w.lockType()).put("mode", w.mode())
                    .put("database_oid", w.databaseOid()).put("relation_oid", w.relationOid()).put("total_us", w.totalUs())
                    .set("histogram", EnvelopeJson.toJson(w.histogram())));
        }
        if (trace.lwlockWaits() != null) {
            ArrayNode waits = root.putArray(LWLOCK_WAITS);
            trace.lwlockWaits().forEach(w -> waits.addObject().put("tranche", w.tranche()).put("total_us", w.totalUs())
                    .set("histogram", EnvelopeJson.toJson(w.histogram())));
        }
        if (trace.relationReads() != null) {
            ArrayNode reads = root.putArray(RELATION_READS);
            trace.relationReads().forEach(r -> reads.addObject().put("tablespace_oid", r.tablespaceOid())
                    .put("database_oid", r.databaseOid()).put("relfilenode", r.relfilenode())
                    .put("reads", r.reads()).put("total_us", r.totalUs()));
        }
    }

    PostgresTrace read(JsonNode root) {
        return new PostgresTrace(statements(root.get(STATEMENTS)),
                list(root.get(LOCK_WAITS), LOCK_WAITS, (w, at) -> new LockWaitTrace(text(w, "lock_type", at),
                        text(w, "mode", at), number(w, "database_oid", at), number(w, "relation_oid", at),
                        histogram(w, "lock_wait", at), number(w, "total_us", at))),
                list(root.get(LWLOCK_WAITS), LWLOCK_WAITS, (w, at) -> new LwlockWaitTrace(text(w, "tranche", at),
                        histogram(w, "lwlock_wait", at), number(w, "total_us", at))),
                list(root.get(RELATION_READS), RELATION_READS, (r, at) -> new RelationReadTrace(
                        number(r, "tablespace_oid", at), number(r, "database_oid", at), number(r, "relfilenode", at),
                        number(r, "reads", at), number(r, "total_us", at))));
    }

    private StatementTrace statements(JsonNode node) {
        if (node == null) {
            return null;
        }
        Map<String, LatencyHistogram> perDatabase = new LinkedHashMap<>();
        node.path("per_database").fields().forEachRemaining(e -> perDatabase.put(e.getKey(),
                envelope.histogram(STATEMENTS + ".per_database." + e.getKey(), e.getKey(), e.getValue())));
        List<SlowStatement> slowest = list(node.get("slowest"), STATEMENTS + ".slowest", (s, at) -> new SlowStatement(
                text(s, "database", at), text(s, "text", at), number(s, "count", at), number(s, "max_us", at)));
        SampledBackends sample = node.has(SAMPLED_BACKENDS) ? sample(node.get(SAMPLED_BACKENDS)) : null;
        return wrap(STATEMENTS, () -> new StatementTrace(
                envelope.histogram(STATEMENTS + ".cluster", "cluster", node.path("cluster")), perDatabase,
                slowest == null ? List.of() : slowest, number(node, "threshold_us", STATEMENTS),
                number(node, "total_us", STATEMENTS), sample));
    }

    private static ObjectNode sample(SampledBackends sample) {
        ObjectNode node = EnvelopeJson.MAPPER.createObjectNode().put("limit", sample.limit());
        ObjectNode perDatabase = node.putObject("per_database");
        sample.perDatabase().forEach((db, b) -> {
            ObjectNode entry = perDatabase.putObject(db).put("client_backends", b.seen());
            b.traced().forEach(entry.putArray("traced_pids")::add);
        });
        return node;
    }

    private SampledBackends sample(JsonNode node) {
        String at = STATEMENTS + "." + SAMPLED_BACKENDS;
        Map<String, SampledBackends.Backends> perDatabase = new LinkedHashMap<>();
        node.path("per_database").fields().forEachRemaining(e -> {
            String where = at + ".per_database." + e.getKey();
            List<Long> pids = list(e.getValue().get("traced_pids"), where + ".traced_pids", (pid, p) -> {
                if (!pid.canConvertToLong()) {
                    throw new ProbeFormatException(source, p + ": expected a pid");
                }
                return pid.asLong();
            });
            perDatabase.put(e.getKey(), wrap(where, () -> new SampledBackends.Backends(
                    (int) number(e.getValue(), "client_backends", where), pids == null ? List.of() : pids)));
        });
        return wrap(at, () -> new SampledBackends((int) number(node, "limit", at), perDatabase));
    }

    private <T> List<T> list(JsonNode node, String where, BiFunction<JsonNode, String, T> entry) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new ProbeFormatException(source, where + ": expected a list");
        }
        List<T> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = where + "[" + i + "]";
            JsonNode item = node.get(i);
            entries.add(wrap(at, () -> entry.apply(item, at)));
        }
        return entries;
    }

    private LatencyHistogram histogram(JsonNode node, String name, String at) {
        return envelope.histogram(at + ".histogram", name, node.path("histogram"));
    }

    private long number(JsonNode node, String field, String at) {
        return JsonValues.requiredLong(node, field, source, at);
    }

    private String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new ProbeFormatException(source, at + ": expected a text '" + field + "'");
        }
        return value.textValue();
    }

    private <T> T wrap(String at, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(source, at + ": " + e.getMessage());
        }
    }
}
