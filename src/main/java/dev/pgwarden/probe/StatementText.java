package dev.pgwarden.probe;

import java.util.regex.Pattern;

/**
 * A captured statement's text as the envelope keeps it: queries whole (cut by bpftrace at
 * {@link UsdtScript#TEXT_BYTES} bytes), utility statements by their first two words only, since their text may
 * hold a password ({@code ALTER ROLE … PASSWORD '…'}); pgwarden's SQL evidence withholds them the same way.
 * A statement is known by its first word after any leading comments: tools often begin their SQL with one.
 */
final class StatementText {

    private static final Pattern PLANNED = Pattern.compile(
            "^(select|insert|update|delete|with|merge|values|table)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** Blank space, line comments and block comments before the statement (possessive: no backtracking). */
    private static final Pattern LEADING = Pattern.compile("^(?:\\s++|--[^\\n]*+|/\\*(?:[^*]|\\*(?!/))*+\\*/)*+");

    private StatementText() {
    }

    static String kept(String text) {
        String statement = LEADING.matcher(text).replaceFirst("");
        if (PLANNED.matcher(statement).matches()) {
            return text.strip();
        }
        String[] words = statement.strip().split("\\s+", 3);
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(2, words.length)))
                + " … (utility statement, text withheld)";
    }
}
