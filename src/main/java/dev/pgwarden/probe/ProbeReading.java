package dev.pgwarden.probe;

import java.util.Objects;

/**
 * One histogram chosen from a probe input, with a description of where it came from for evidence
 * (for example {@code probe.json: pgwarden probe on db1, postmaster 4270, 30.0 s from 2025-…}).
 *
 * @param source    what was read and, for an envelope, where and when it was collected
 * @param histogram the chosen histogram
 */
public record ProbeReading(String source, LatencyHistogram histogram) {

    public ProbeReading {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        Objects.requireNonNull(histogram, "histogram must not be null");
    }
}
