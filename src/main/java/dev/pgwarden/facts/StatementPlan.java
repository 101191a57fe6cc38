package dev.pgwarden.facts;

import java.util.Objects;

/**
 * A statement's plan, or why there is none.
 *
 * @param note what was done or refused and why, in words
 * @param json EXPLAIN's FORMAT JSON output; null for {@link PlanKind#NONE}
 */
public record StatementPlan(PlanKind kind, String note, String json) {

    public StatementPlan {
        Objects.requireNonNull(kind, "plan kind must not be null");
        Objects.requireNonNull(note, "plan note must not be null");
        if ((kind == PlanKind.NONE) != (json == null)) {
            throw new IllegalArgumentException("a plan of kind " + kind.label() + " must " + (json == null ? "" : "not ") + "have JSON");
        }
    }

    static StatementPlan none(String why) {
        return new StatementPlan(PlanKind.NONE, why, null);
    }
}
