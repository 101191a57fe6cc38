package dev.pgwarden.connection;

import java.util.regex.Pattern;

/** Keeps user-facing messages to one line and free of secrets. */
final class Messages {

    static final String MASK = "****";

    // user:secret@ after any scheme://, greedy up to the last '@' so that an unencoded '@', '/' or
    // space in the password is masked too. Over-masking is fine; leaking is not.
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^:@]*:).*@", Pattern.DOTALL);
    // password=..., sslpassword=... in a query string
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&][^=&]*password=)[^&]*");

    /** Passwords shorter than this are not scrubbed from free text: they would match by chance. */
    private static final int MIN_SCRUBBED_LENGTH = 4;

    private Messages() {
    }

    /** The URL with any password in its user info or query replaced by {@value #MASK}. */
    static String maskUrl(String url) {
        String masked = USERINFO_PASSWORD.matcher(url).replaceAll("$1" + MASK + "@");
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1" + MASK);
    }

    /** Removes a known password from text we did not write ourselves, such as driver messages. */
    static String scrub(String text, String password) {
        if (text == null || password == null || password.length() < MIN_SCRUBBED_LENGTH) {
            return text;
        }
        return text.replace(password, MASK);
    }

    /** First line only, trimmed: exit messages and log lines must not sprawl. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        String first = newline < 0 ? trimmed : trimmed.substring(0, newline);
        return first.replace('\r', ' ').strip();
    }
}
