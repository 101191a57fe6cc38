package dev.pgwarden.facts;

import java.util.Map;
import java.util.Objects;

/**
 * Which pg_stat_statements entries stand behind a fact: those of one queryid, or those whose text reads one
 * table. Each says in words how it matched, since a reader must know how far to trust the list.
 */
public sealed interface StatementMatch {

    /** Values for the named parameters of {@code sql/statements_behind.sql}. */
    Map<String, Object> bindings();

    /** How the entries were chosen, for the finding's evidence. */
    String describe();

    /** The entries of one queryid in the connected database (one per role that ran it). */
    record Queryid(long queryid) implements StatementMatch {

        static final int MAX_ENTRIES = 5;

        @Override
        public Map<String, Object> bindings() {
            return parameters(queryid, null, MAX_ENTRIES);
        }

        @Override
        public String describe() {
            return "the entries of queryid " + queryid + " in the connected database";
        }
    }

    /**
     * The planned statements whose text names the table right after FROM or JOIN, schema-qualified or not, the
     * few with the most total execution time. Text matching is conservative: a statement reaching the table
     * through a view, a function, a comma join or a differently spelled name is not listed, and one naming
     * another schema's table of the same name unqualified may be.
     */
    record ReadingTable(String schemaName, String tableName) implements StatementMatch {

        static final int MAX_ENTRIES = 3;

        public ReadingTable {
            Objects.requireNonNull(schemaName, "schemaName must not be null");
            Objects.requireNonNull(tableName, "tableName must not be null");
        }

        @Override
        public Map<String, Object> bindings() {
            return parameters(null, TablePattern.afterFromOrJoin(schemaName, tableName), MAX_ENTRIES);
        }

        @Override
        public String describe() {
            return "the " + MAX_ENTRIES + " statements with the most total execution time whose text names "
                    + TablePattern.quoted(schemaName) + "." + TablePattern.quoted(tableName)
                    + " (or the table unqualified) right after FROM or JOIN; statements reaching it through views,"
                    + " functions or comma joins are not matched";
        }
    }

    /**
     * The planned statements whose normalized text has the shape of a statement the probe captured: the same text
     * with each number or quoted string either kept or replaced by a parameter ({@code $1}), whitespace runs alike.
     */
    record SameShape(String capturedText) implements StatementMatch {

        static final int MAX_ENTRIES = 3;

        public SameShape {
            Objects.requireNonNull(capturedText, "capturedText must not be null");
        }

        @Override
        public Map<String, Object> bindings() {
            return parameters(null, TablePattern.sameShape(capturedText), MAX_ENTRIES);
        }

        @Override
        public String describe() {
            return "the statements whose normalized text has the shape of the captured '"
                    + (capturedText.length() > 80 ? capturedText.substring(0, 77) + "..." : capturedText)
                    + "' (constants may be parameters)";
        }
    }

    private static Map<String, Object> parameters(Long queryid, String tablePattern, int maxStatements) {
        Map<String, Object> bindings = new java.util.HashMap<>();
        bindings.put("queryid", queryid);
        bindings.put("table_pattern", tablePattern);
        bindings.put("max_statements", maxStatements);
        return bindings;
    }
}
