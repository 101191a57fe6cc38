package dev.pgwarden.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a plan does, node by node in EXPLAIN's order: node types, join methods and their order, relations and indexes,
 * with the planner's row and cost estimates beside them. Two plans have the same shape when they differ at most in
 * those estimates.
 */
public record PlanShape(List<PlanNode> nodes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanShape {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a plan shape needs at least one node");
        }
    }

    /** @param explainJson EXPLAIN's FORMAT JSON output (VERBOSE gives the relations' schemas) */
    public static PlanShape of(String explainJson) {
        JsonNode root;
        try {
            root = JSON.readTree(explainJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not EXPLAIN's JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode plan = root.path(0).path("Plan");
        if (!plan.isObject()) {
            throw new IllegalArgumentException("EXPLAIN's JSON holds no Plan");
        }
        List<PlanNode> nodes = new ArrayList<>();
        walk(plan, 0, nodes);
        return new PlanShape(nodes);
    }

    private static void walk(JsonNode plan, int depth, List<PlanNode> nodes) {
        String relation = text(plan, "Relation Name");
        String schema = text(plan, "Schema");
        nodes.add(new PlanNode(depth, plan.path("Node Type").asText(), text(plan, "Join Type"), text(plan, "Strategy"),
                relation == null || schema == null ? relation : schema + "." + relation, text(plan, "Index Name"),
                plan.path("Plan Rows").asDouble(), plan.path("Total Cost").asDouble()));
        for (JsonNode child : plan.path("Plans")) {
            walk(child, depth + 1, nodes);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The shape without estimates, one node a line, indented by depth: what plan-changed compares. */
    public String signature() {
        return nodes.stream().map(n -> "  ".repeat(n.depth()) + n.label()).collect(Collectors.joining("\n"));
    }

    /**
     * What this plan does that {@code before} did not and the reverse, node by node regardless of position: {@code
     * no longer Index Scan using orders_customer_idx on public.orders; now Seq Scan on public.orders}. Nodes the two
     * share in another order or nesting: {@code the same nodes in another order or nesting}.
     */
    public String changesFrom(PlanShape before) {
        List<String> gone = labels(before);
        List<String> added = labels(this);
        new ArrayList<>(added).forEach(label -> {
            if (gone.remove(label)) {
                added.remove(label);
            }
        });
        if (gone.isEmpty() && added.isEmpty()) {
            return "the same nodes in another order or nesting (join order)";
        }
        List<String> parts = new ArrayList<>();
        if (!gone.isEmpty()) {
            parts.add("no longer " + String.join(", ", gone));
        }
        if (!added.isEmpty()) {
            parts.add("now " + String.join(", ", added));
        }
        return String.join("; ", parts);
    }

    private static List<String> labels(PlanShape shape) {
        return shape.nodes.stream().map(PlanNode::label).collect(Collectors.toCollection(ArrayList::new));
    }

    /** The plan as a reader compares it, estimates included, one node a line. */
    public String text() {
        return nodes.stream().map(n -> String.format("%s%s%s  (rows=%.0f cost=%.2f)", "  ".repeat(n.depth()),
                n.depth() == 0 ? "" : "-> ", n.label(), n.rows(), n.cost())).collect(Collectors.joining("\n"));
    }
}
