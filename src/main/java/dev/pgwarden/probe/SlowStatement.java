package dev.pgwarden.probe;

/**
 * Statements of one text that took at least the probe's slow-statement threshold, as bcc's dbslower lists
 * them: the text as the backend received it (cut at {@link UsdtScript#TEXT_BYTES} bytes), how often and how
 * slow at worst.
 *
 * @param database the backend's database, from its process title; {@code ?} when the backend was not seen
 * @param text     the query string of query__start/query__done
 * @param count    executions at or above the threshold
 * @param maxUs    the slowest, in microseconds
 */
public record SlowStatement(String database, String text, long count, long maxUs) {

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
