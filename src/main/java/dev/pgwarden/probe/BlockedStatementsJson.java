package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lock event's {@code blocked_by} list in the envelope's {@code wait_events}: which statement waited behind which.
 * Files written before the sampler recorded it have none, and read as an empty list.
 */
final class BlockedStatementsJson {

    static final String BLOCKED_BY = "blocked_by";
    private static final String SAMPLES = "samples";
    private static final String WAITING_QUERY_ID = "waiting_query_id";
    private static final String WAITING_QUERY = "waiting_query";
    private static final String BLOCKING_QUERY_ID = "blocking_query_id";
    private static final String BLOCKING_QUERY = "blocking_query";
    private static final String BLOCKING_STATE = "blocking_state";

    private BlockedStatementsJson() {
    }

    static void write(List<BlockedStatement> pairs, ObjectNode event) {
        if (pairs.isEmpty()) {
            return;
        }
        ArrayNode list = event.putArray(BLOCKED_BY);
        for (BlockedStatement pair : pairs) {
            ObjectNode p = list.addObject().put(SAMPLES, pair.samples()).put(WAITING_QUERY_ID, pair.waitingQueryId())
                    .put(WAITING_QUERY, pair.waitingQuery()).put(BLOCKING_QUERY_ID, pair.blockingQueryId());
            p.put(BLOCKING_QUERY, pair.blockingQuery()).put(BLOCKING_STATE, pair.blockingState());
        }
    }

    static List<BlockedStatement> read(JsonNode event, String source, String where) {
        List<BlockedStatement> pairs = new ArrayList<>();
        String at = where + "." + BLOCKED_BY;
        for (JsonNode p : event.path(BLOCKED_BY)) {
            pairs.add(new BlockedStatement(JsonValues.requiredLong(p, WAITING_QUERY_ID, source, at),
                    JsonValues.requiredText(p, WAITING_QUERY, source, at), JsonValues.requiredLong(p, BLOCKING_QUERY_ID, source, at),
                    textOrNull(p, BLOCKING_QUERY), textOrNull(p, BLOCKING_STATE), JsonValues.requiredLong(p, SAMPLES, source, at)));
        }
        return pairs;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
