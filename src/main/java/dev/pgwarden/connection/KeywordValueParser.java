package dev.pgwarden.connection;

/**
 * Reads libpq's keyword/value connection string, {@code host=/var/run/postgresql dbname=app} or
 * {@code service=orders}, with libpq's rules: settings separated by white space, white space allowed around '=',
 * a value in single quotes may hold spaces, and a backslash takes the next character as it is ({@code \'},
 * {@code \\}). Messages never show the string, which may hold a password.
 */
final class KeywordValueParser {

    private static final String WHERE = "--url (a keyword/value connection string)";

    private final String text;
    private int position;

    private KeywordValueParser(String text) {
        this.text = text;
    }

    /** As libpq tells one from a URI: anything with '=' that is not a URL. */
    static boolean accepts(String url) {
        return url.contains("=") && !url.contains("://");
    }

    static TargetParts parse(String text) throws TargetConfigException {
        return new KeywordValueParser(text).settings();
    }

    private TargetParts settings() throws TargetConfigException {
        LibpqKeywords keywords = new LibpqKeywords();
        while (skipSpace() < text.length()) {
            String keyword = keyword();
            skipSpace();
            if (position >= text.length() || text.charAt(position) != '=') {
                throw new TargetConfigException("missing '=' after '" + keyword + "' in " + WHERE);
            }
            position++;
            skipSpace();
            keywords.set(keyword, value(), WHERE);
        }
        return keywords.parts();
    }

    private int skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }

    private String keyword() {
        int start = position;
        while (position < text.length() && text.charAt(position) != '=' && !Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private String value() throws TargetConfigException {
        boolean quoted = position < text.length() && text.charAt(position) == '\'';
        if (quoted) {
            position++;
        }
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\\' && position < text.length()) {
                value.append(text.charAt(position++));
            } else if (quoted ? c == '\'' : Character.isWhitespace(c)) {
                return value.toString();
            } else {
                value.append(c);
            }
        }
        if (quoted) {
            throw new TargetConfigException("unterminated quoted string in " + WHERE);
        }
        return value.toString();
    }
}
