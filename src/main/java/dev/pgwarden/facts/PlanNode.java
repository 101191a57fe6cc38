package dev.pgwarden.facts;

/**
 * One node of a plan as its shape keeps it: what it does and to what, at which depth, with the planner's estimates.
 *
 * @param depth    0 for the top node; children are one deeper, in the order EXPLAIN lists them (outer side first)
 * @param joinType Inner, Left, Semi, ... for joins; null otherwise
 * @param strategy Plain, Sorted, Hashed, Mixed for aggregates and set operations; null otherwise
 * @param relation the schema-qualified table scanned; null for nodes that scan none
 * @param index    the index scanned; null for nodes that scan none
 * @param rows     estimated rows (Plan Rows)
 * @param cost     estimated total cost (Total Cost)
 */
public record PlanNode(int depth, String nodeType, String joinType, String strategy, String relation, String index,
        double rows, double cost) {

    /** The node without its estimates, as plans are compared: {@code Index Scan using orders_pkey on public.orders}. */
    public String label() {
        StringBuilder label = new StringBuilder(nodeType);
        if (joinType != null) {
            label.append(" (").append(joinType).append(')');
        }
        if (strategy != null) {
            label.append(" (").append(strategy).append(')');
        }
        if (index != null) {
            label.append(" using ").append(index);
        }
        if (relation != null) {
            label.append(" on ").append(relation);
        }
        return label.toString();
    }
}
