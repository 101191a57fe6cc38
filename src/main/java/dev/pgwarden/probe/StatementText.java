package dev.pgwarden.probe;

import java.util.regex.Pattern;

/**
 * A captured statement's text as the envelope keeps it: queries whole (cut by bpftrace at
 * {@link UsdtScript#TEXT_BYTES} bytes), utility statements by their first two words only, since their text may
 * hold a password ({@code ALTER ROLE … PASSWORD '…'}); pgwarden's SQL evidence withholds them the same way.
 */
final class StatementText {

    private static final Pattern PLANNED = Pattern.compile(
            "^\\s*(select|insert|update|delete|with|merge|values|table)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private StatementText() {
    }

    static String kept(String text) {
        if (PLANNED.matcher(text).matches()) {
            return text.strip();
        }
        String[] words = text.strip().split("\\s+", 3);
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(2, words.length)))
                + " … (utility statement, text withheld)";
    }
}
