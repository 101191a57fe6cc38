package dev.pgwarden.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Statement latency from query__start to query__done of each backend, in microseconds.
 *
 * @param cluster     every statement of the cluster
 * @param perDatabase by database name (from the backend's process title; {@code ?} for a backend not seen)
 * @param slowest     statements at or above {@code thresholdUs}, slowest first
 * @param thresholdUs the slow-statement threshold
 * @param totalUs     the statements' summed time: the backends' active time during the probe
 */
public record StatementTrace(LatencyHistogram cluster, Map<String, LatencyHistogram> perDatabase,
                             List<SlowStatement> slowest, long thresholdUs, long totalUs) {

    public StatementTrace {
        Objects.requireNonNull(cluster, "cluster must not be null");
        perDatabase = OrderedMaps.copyOf(Objects.requireNonNull(perDatabase, "perDatabase must not be null"));
        slowest = List.copyOf(Objects.requireNonNull(slowest, "slowest must not be null"));
    }
}
