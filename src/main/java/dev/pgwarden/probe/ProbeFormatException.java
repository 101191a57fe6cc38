package dev.pgwarden.probe;

/**
 * Probe input that is not a histogram pgwarden understands. The message is one line naming the
 * input (file name or {@code -}) and what was expected there.
 */
public final class ProbeFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProbeFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
