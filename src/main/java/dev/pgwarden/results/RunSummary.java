package dev.pgwarden.results;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One whole run as reports see it.
 *
 * @param targetFailure     why the target could not be checked (unreachable, lost); null when it could
 * @param targetUnreachable whether the run could not connect at all
 * @param platform          where the server runs ({@link Platform#id()}); null when the run never connected
 * @param provenance        which cluster was judged under which rules; null when the run never planned
 * @param histograms        latency histograms of the host probe given to the run, for the metrics file; empty without
 */
public record RunSummary(String target, Instant startedAt, long durationMs, List<CheckResult> checks, String targetFailure,
        boolean targetUnreachable, String platform, Provenance provenance, List<HistogramSeries> histograms) {

    public RunSummary(String target, Instant startedAt, long durationMs, List<CheckResult> checks, String targetFailure,
            boolean targetUnreachable, String platform, Provenance provenance) {
        this(target, startedAt, durationMs, checks, targetFailure, targetUnreachable, platform, provenance, List.of());
    }

    public RunSummary(String target, Instant startedAt, long durationMs, List<CheckResult> checks, String targetFailure,
            boolean targetUnreachable, String platform) {
        this(target, startedAt, durationMs, checks, targetFailure, targetUnreachable, platform, null, List.of());
    }

    public RunSummary(String target, Instant startedAt, long durationMs, List<CheckResult> checks, String targetFailure,
            boolean targetUnreachable) {
        this(target, startedAt, durationMs, checks, targetFailure, targetUnreachable, null, null, List.of());
    }

    public RunSummary {
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        checks = List.copyOf(checks);
        histograms = histograms == null ? List.of() : List.copyOf(histograms);
    }

    public RunSummary withHistograms(List<HistogramSeries> series) {
        return new RunSummary(target, startedAt, durationMs, checks, targetFailure, targetUnreachable, platform, provenance, series);
    }

    public long count(Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    public boolean targetFailed() {
        return targetFailure != null;
    }
}
