package dev.pgwarden.facts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first half of the rule for executing a statement: its text alone must show a plain query. It must be one
 * statement (no semicolon but trailing ones), start with SELECT or WITH, hold no parameter ({@code $1}: a
 * normalized text's values are not recorded, and pgwarden does not guess them) and none of the words that
 * write, lock or run other commands (INSERT, UPDATE, DELETE, MERGE, INTO, FOR, ...), wherever they stand,
 * in a comment or a name too. Functions are judged on the plan by {@link PlanSafety}, where views show theirs.
 */
final class ReadOnlySelect {

    private static final Pattern PARAMETER = Pattern.compile("\\$[0-9]");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Set<String> REFUSED_WORDS = Set.of("insert", "update", "delete", "merge", "into", "for",
            "lock", "copy", "call", "do", "execute", "notify", "listen", "prepare", "declare", "set", "reset",
            "truncate", "create", "drop", "alter", "grant", "revoke", "vacuum", "analyze", "cluster", "reindex",
            "refresh", "import", "load", "security", "checkpoint", "discard");

    private ReadOnlySelect() {
    }

    /**
     * The text without trailing semicolons, or empty when it holds more than one statement (JDBC would send
     * each on its own, so nothing but one statement may follow EXPLAIN).
     */
    static Optional<String> single(String text) {
        String statement = text.strip().replaceAll("[;\\s]+$", "");
        return statement.contains(";") ? Optional.empty() : Optional.of(statement);
    }

    /** Why the text may not be executed, or empty when it passes this half of the rule. */
    static Optional<String> refusal(String text) {
        Optional<String> single = single(text);
        if (single.isEmpty()) {
            return Optional.of("its text holds more than one statement");
        }
        String statement = single.get();
        if (PARAMETER.matcher(statement).find()) {
            return Optional.of("its normalized text has parameters ($1, ...) whose values pg_stat_statements does not keep,"
                    + " so it cannot be executed as recorded");
        }
        Matcher words = WORD.matcher(statement);
        boolean first = true;
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            if (first && !word.equals("select") && !word.equals("with")) {
                return Optional.of("it is not a SELECT (it starts with " + words.group() + ")");
            }
            first = false;
            if (REFUSED_WORDS.contains(word)) {
                return Optional.of("it is not a plain SELECT: its text holds the word " + words.group().toUpperCase(Locale.ROOT));
            }
        }
        return first ? Optional.of("its text is empty") : Optional.empty();
    }
}
