package dev.pgwarden.probe;

import java.util.Map;

/**
 * Statements of one text that took at least the probe's slow-statement threshold, as bcc's dbslower lists
 * them: the text as the backend received it (cut at {@link UsdtScript#TEXT_BYTES} bytes), how often and how
 * slow at worst. A request whose text the probe cannot read on the socket is listed under a text in parentheses
 * saying why ({@link #UNSEEN}).
 *
 * @param database the backend's database, from its process title; {@code ?} when the backend was not seen
 * @param text     the statement's text in the Query or Parse message, or why it is not known
 * @param count    executions at or above the threshold
 * @param maxUs    the slowest, in microseconds
 */
public record SlowStatement(String database, String text, long count, long maxUs) {

    /** Listed for a slow request whose beginning a long request read in parts overwrote. */
    public static final String READ_IN_PARTS = "(a request read in parts: its text was overwritten before it ended)";
    /** Listed for the execution of a named prepared statement: its text came in an earlier Parse. */
    public static final String NAMED_PREPARED = "(a named prepared statement: its text came in an earlier Parse)";
    /** Listed for a request over TLS. */
    public static final String OVER_TLS = "(a request over TLS: its text is encrypted on the socket)";
    /** Listed for any other request: a function call, COPY data, a Describe. */
    public static final String NO_TEXT = "(a request without statement text: a function call, COPY data or a Describe)";

    /** Why a slow request has no text, by the code the script's {@code @slow_unseen_*} maps are keyed with. */
    static final Map<Integer, String> UNSEEN = Map.of(
            1, READ_IN_PARTS, 2, NAMED_PREPARED, 3, OVER_TLS, 4, NO_TEXT);

    /** The text listed for a slow request of this {@link #UNSEEN} code. */
    static String unseen(int code) {
        return UNSEEN.getOrDefault(code, NO_TEXT);
    }

    public SlowStatement {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        if (count < 0 || maxUs < 0) {
            throw new IllegalArgumentException("count and maxUs must not be negative, were " + count + " and " + maxUs);
        }
    }
}
