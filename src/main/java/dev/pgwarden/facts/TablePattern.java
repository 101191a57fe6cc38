package dev.pgwarden.facts;

/**
 * A PostgreSQL regular expression (ARE) matching SQL text that names a table right after FROM or JOIN, spelled
 * the ways PostgreSQL reads back as that table: a name that needs no quotes bare in any letter case or quoted
 * exactly, a name that needs quotes only quoted exactly; schema-qualified or not.
 */
final class TablePattern {

    private TablePattern() {
    }

    static String afterFromOrJoin(String schemaName, String tableName) {
        return "\\m(" + anyCase("from") + "|" + anyCase("join") + ")\\s+"
                + "(" + spellings(schemaName) + "\\s*\\.\\s*)?" + spellings(tableName) + "(?![A-Za-z0-9_$\"])";
    }

    /** Texts this long may have been cut by the probe (bpftrace keeps 200 bytes with the terminator). */
    private static final int CUT_AT = 199;
    private static final java.util.regex.Pattern TOKENS = java.util.regex.Pattern.compile(
            "(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|'(?:[^']|'')*')|(\\s+)|(;\\s*$)|(.)", java.util.regex.Pattern.DOTALL);

    /**
     * SQL text that pg_stat_statements could have normalized from the captured statement: each number or quoted
     * string as captured or as a parameter, whitespace runs as any whitespace, a trailing semicolon dropped (the
     * entry holds the statement without it), and an open end when the capture may have been cut.
     */
    static String sameShape(String captured) {
        StringBuilder pattern = new StringBuilder("^\\s*");
        java.util.regex.Matcher m = TOKENS.matcher(captured.strip());
        while (m.find()) {
            if (m.group(1) != null) {
                pattern.append("(").append(literal(m.group(1))).append("|\\$[0-9]+)");
            } else if (m.group(2) != null) {
                pattern.append("\\s+");
            } else if (m.group(4) != null) {
                pattern.append(literal(m.group(4)));
            }
        }
        return pattern + (captured.length() >= CUT_AT ? "" : "\\s*;?\\s*$");
    }

    /** The identifier as SQL writes it: bare when lower-case letters, digits and underscores, else quoted. */
    static String quoted(String identifier) {
        return needsQuotes(identifier) ? '"' + identifier.replace("\"", "\"\"") + '"' : identifier;
    }

    private static boolean needsQuotes(String identifier) {
        return !identifier.matches("[a-z_][a-z0-9_$]*");
    }

    private static String spellings(String identifier) {
        String quoted = literal('"' + identifier.replace("\"", "\"\"") + '"');
        return needsQuotes(identifier) ? quoted : "(" + anyCase(identifier) + "|" + quoted + ")";
    }

    private static String anyCase(String word) {
        StringBuilder pattern = new StringBuilder();
        for (char c : word.toCharArray()) {
            pattern.append(Character.isLetter(c) ? "[" + c + Character.toUpperCase(c) + "]" : literal(String.valueOf(c)));
        }
        return pattern.toString();
    }

    /** Every character but letters, digits and underscore escaped: ARE reads a backslash before those as the character. */
    private static String literal(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c) && c != '_') {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }
}
