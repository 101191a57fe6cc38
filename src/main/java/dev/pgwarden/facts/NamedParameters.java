package dev.pgwarden.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code :name} placeholders into JDBC's {@code ?}, reading the SQL as PostgreSQL does: nothing inside
 * a string, a quoted identifier or a {@code ::} cast is a placeholder, and comments are dropped so a comment
 * that mentions a parameter does not add one.
 */
final class NamedParameters {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String text;
    private final StringBuilder sql = new StringBuilder();
    private final List<String> names = new ArrayList<>();
    private final java.util.function.Function<String, String> placeholder;

    private NamedParameters(String text, java.util.function.Function<String, String> placeholder) {
        this.text = text;
        this.placeholder = placeholder;
    }

    static SqlQuery parse(String resource, String text) {
        NamedParameters parser = new NamedParameters(text, name -> "?");
        parser.run();
        return new SqlQuery(resource, parser.sql.toString(), parser.names);
    }

    /** The SQL with each {@code :name} replaced by what {@code literal} gives for the name, comments dropped. */
    static String inline(String text, java.util.function.Function<String, String> literal) {
        NamedParameters parser = new NamedParameters(text, literal);
        parser.run();
        return parser.sql.toString();
    }

    private void run() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("--", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? text.length() : close + 2;
            } else if (c == ':' && !text.startsWith("::", i) && !afterWord(i) && nameAt(i + 1) != null) {
                String name = nameAt(i + 1);
                names.add(name);
                sql.append(placeholder.apply(name));
                i += 1 + name.length();
            } else {
                int end = literalEnd(i);
                sql.append(text, i, end);
                i = end;
            }
        }
    }

    /** Where the literal, identifier or cast starting at {@code i} ends; {@code i + 1} for anything else. */
    private int literalEnd(int i) {
        char c = text.charAt(i);
        if (c == '\'' || c == '"') {
            boolean backslashes = c == '\'' && i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e');
            return quotedEnd(i, c, backslashes);
        }
        if (c == '$' && !afterWord(i)) {
            Matcher tag = DOLLAR_TAG.matcher(text).region(i, text.length());
            if (tag.lookingAt()) {
                int close = text.indexOf(tag.group(), tag.end());
                return close < 0 ? text.length() : close + tag.group().length();
            }
        }
        return text.startsWith("::", i) ? i + 2 : i + 1;
    }

    private int quotedEnd(int start, char quote, boolean backslashes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private boolean afterWord(int i) {
        return i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_');
    }

    private String nameAt(int i) {
        Matcher name = NAME.matcher(text).region(i, text.length());
        return name.lookingAt() ? name.group() : null;
    }
}
