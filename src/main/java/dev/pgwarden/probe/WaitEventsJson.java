package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The envelope's {@code wait_events} object, written and read in one place (see docs/probe.md). */
final class WaitEventsJson {

    static final String WAIT_EVENTS = "wait_events";
    private static final String MEASURED = "measured";
    private static final String REASON = "reason";
    private static final String TARGET = "target";
    private static final String STARTED_AT = "started_at";
    private static final String DURATION_S = "duration_s";
    private static final String INTERVAL_MS = "interval_ms";
    private static final String TICKS = "ticks";
    private static final String ACTIVE_SAMPLES = "active_samples";
    private static final String QUERY_IDS_UNAVAILABLE = "query_ids_unavailable";
    private static final String TYPES = "types";
    private static final String EVENTS = "events";
    private static final String TYPE = "type";
    private static final String EVENT = "event";
    private static final String SAMPLES = "samples";
    private static final String TOP_QUERIES = "top_queries";
    private static final String QUERY_ID = "query_id";

    private WaitEventsJson() {
    }

    static ObjectNode toJson(WaitEventProfile profile) {
        ObjectNode node = EnvelopeJson.MAPPER.createObjectNode().put(MEASURED, profile.measured());
        if (!profile.measured()) {
            node.put(REASON, profile.reason());
        }
        node.put(TARGET, profile.target()).put(STARTED_AT, profile.startedAt().toString())
                .put(DURATION_S, profile.durationS()).put(INTERVAL_MS, profile.intervalMs())
                .put(TICKS, profile.ticks()).put(ACTIVE_SAMPLES, profile.activeSamples());
        if (profile.queryIdsUnavailable() != null) {
            node.put(QUERY_IDS_UNAVAILABLE, profile.queryIdsUnavailable());
        }
        // per type for a reader's eye; the events below are what is read back
        ObjectNode types = node.putObject(TYPES);
        profile.types().forEach(types::put);
        ArrayNode events = node.putArray(EVENTS);
        for (WaitEventCount count : profile.events()) {
            ObjectNode e = events.addObject().put(TYPE, count.type()).put(EVENT, count.event()).put(SAMPLES, count.samples());
            ArrayNode queries = e.putArray(TOP_QUERIES);
            count.topQueries().forEach(q -> queries.addObject().put(QUERY_ID, q.queryId()).put(SAMPLES, q.samples()));
            BlockedStatementsJson.write(count.blockedBy(), e);
        }
        return node;
    }

    static WaitEventProfile fromJson(JsonNode node, String source) {
        String where = "envelope." + WAIT_EVENTS;
        if (!node.path(MEASURED).isBoolean()) {
            throw new ProbeFormatException(source, where + ": expected true or false '" + MEASURED + "'");
        }
        String target = JsonValues.requiredText(node, TARGET, source, where);
        Instant startedAt = JsonValues.requiredInstant(node, STARTED_AT, source, where);
        long intervalMs = JsonValues.requiredLong(node, INTERVAL_MS, source, where);
        try {
            if (!node.get(MEASURED).booleanValue()) {
                return WaitEventProfile.unmeasured(target, JsonValues.requiredText(node, REASON, source, where), startedAt,
                        intervalMs);
            }
            JsonNode reason = node.get(QUERY_IDS_UNAVAILABLE);
            return new WaitEventProfile(target, null, startedAt, node.path(DURATION_S).asDouble(), intervalMs,
                    JsonValues.requiredLong(node, TICKS, source, where),
                    JsonValues.requiredLong(node, ACTIVE_SAMPLES, source, where), events(node, source, where),
                    reason == null || reason.isNull() ? null : reason.asText());
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(source, where + ": " + e.getMessage());
        }
    }

    private static List<WaitEventCount> events(JsonNode node, String source, String where) {
        JsonNode list = node.path(EVENTS);
        if (!list.isArray()) {
            throw new ProbeFormatException(source, where + ": expected a list '" + EVENTS + "'");
        }
        List<WaitEventCount> events = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = where + "." + EVENTS + "[" + i + "]";
            List<QuerySamples> queries = new ArrayList<>();
            for (JsonNode q : e.path(TOP_QUERIES)) {
                queries.add(new QuerySamples(JsonValues.requiredLong(q, QUERY_ID, source, at + "." + TOP_QUERIES),
                        JsonValues.requiredLong(q, SAMPLES, source, at + "." + TOP_QUERIES)));
            }
            try {
                events.add(new WaitEventCount(JsonValues.requiredText(e, TYPE, source, at),
                        JsonValues.requiredText(e, EVENT, source, at), JsonValues.requiredLong(e, SAMPLES, source, at), queries,
                        BlockedStatementsJson.read(e, source, at)));
            } catch (IllegalArgumentException ex) {
                throw new ProbeFormatException(source, at + ": " + ex.getMessage());
            }
        }
        return events;
    }
}
