package dev.pgwarden.probe;

/**
 * The host cannot run the probe (bpftrace missing, no privileges, tracefs unmounted, no such
 * postmaster). The message is one line that says what to do; the CLI prints it without a stack
 * trace and exits 2.
 */
public final class ProbeEnvironmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProbeEnvironmentException(String message) {
        super(message);
    }

    public ProbeEnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
