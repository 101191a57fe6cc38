package dev.pgwarden.facts;

import java.util.Locale;

/**
 * Where pgwarden may execute a statement with {@code EXPLAIN (ANALYZE, BUFFERS)} to show its plan. Executing
 * a user's query costs what the query costs, so it is off unless asked for, and a primary's workload is spared
 * unless asked for twice.
 */
public enum ExplainAnalyze {
    /** Never execute: plans are generic (16+) or absent. */
    OFF,
    /** Execute plain SELECTs only when the target is a standby ({@code pg_is_in_recovery()}). */
    STANDBY,
    /** Execute plain SELECTs on a standby or a primary. */
    ANYWHERE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ExplainAnalyze parse(String value) {
        if (value == null || value.isBlank()) {
            return OFF;
        }
        for (ExplainAnalyze mode : values()) {
            if (mode.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected off, standby or anywhere, got '" + value + "'");
    }
}
