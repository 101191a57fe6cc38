package dev.pgwarden.facts;

/**
 * How far one sequence has come through its range, measured against the narrowest integer column it feeds
 * when that column runs out first.
 *
 * @param objectName        the limiting column ({@code schema.table.column}) or else the sequence, quoted
 * @param limitedByColumn   whether a column narrower than the sequence is the limit
 * @param columnType        the limiting column's type; null when the sequence is the limit
 * @param lastValue         null when never called or not readable
 * @param readable          whether this role may read last_value (SELECT or USAGE on the sequence)
 * @param limitValue        the last value that fits, as text (bigint's extremes exceed a double's precision)
 * @param usedFraction      share of the range handed out; 0 when not readable
 * @param remainingValues   values left before the limit, as text; null when not readable
 * @param widenStatements   widens every column narrower than bigint the sequence feeds, then the sequence
 * @param restoreStatements puts the sequence's type and bounds, then those columns' types, back as captured
 */
public record SequenceUsage(
        String objectName,
        boolean limitedByColumn,
        String sequenceName,
        String sequenceType,
        String columnType,
        long increment,
        long minValue,
        long maxValue,
        long startValue,
        Long lastValue,
        boolean readable,
        boolean neverCalled,
        String limitValue,
        double usedFraction,
        String remainingValues,
        String widenStatements,
        String restoreStatements) implements CatalogObject {
}
