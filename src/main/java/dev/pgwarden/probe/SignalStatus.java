package dev.pgwarden.probe;

/**
 * Whether the probe measured one signal, and if not, why (no USDT probes in the server's binary, not root,
 * tracefs not mounted, no access to pg_stat_activity), so a check needing it can skip with that reason.
 *
 * @param measured whether the signal was measured in this run
 * @param reason   why it was not; null when measured
 */
public record SignalStatus(boolean measured, String reason) {

    public SignalStatus {
        if (measured && reason != null) {
            throw new IllegalArgumentException("a measured signal has no reason, was given '" + reason + "'");
        }
        if (!measured && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("reason must not be blank for a signal not measured");
        }
    }

    public static SignalStatus wasMeasured() {
        return new SignalStatus(true, null);
    }

    public static SignalStatus missing(String reason) {
        return new SignalStatus(false, reason);
    }
}
