package dev.pgwarden.facts;

import java.util.Locale;

/** Which kind of plan a finding carries. */
public enum PlanKind {
    /** {@code EXPLAIN (GENERIC_PLAN)}, PostgreSQL 16 and later: planned for any parameter values, nothing executed. */
    GENERIC,
    /** {@code EXPLAIN (ANALYZE, BUFFERS)}: the statement was executed, with actual times and buffers. */
    ANALYZE,
    /** No plan; the note says why. */
    NONE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
