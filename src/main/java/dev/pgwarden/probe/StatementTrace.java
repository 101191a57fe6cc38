package dev.pgwarden.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Statement latency of each client backend, from a request's arrival on its socket to the last byte of the answer, in
 * microseconds.
 *
 * @param cluster     every statement of the cluster
 * @param perDatabase by database name (from the backend's process title; {@code ?} for a backend not seen)
 * @param slowest     statements at or above {@code thresholdUs}, slowest first
 * @param thresholdUs the slow-statement threshold
 * @param totalUs     the statements' summed time: the backends' active time during the probe
 * @param sample      the client backends traced when the probe traced a sample of them (the LWLock waits come from
 *                    the same ones); null when every backend was traced
 */
public record StatementTrace(LatencyHistogram cluster, Map<String, LatencyHistogram> perDatabase,
                             List<SlowStatement> slowest, long thresholdUs, long totalUs, SampledBackends sample) {

    /** Statements of every backend. */
    public StatementTrace(LatencyHistogram cluster, Map<String, LatencyHistogram> perDatabase,
                          List<SlowStatement> slowest, long thresholdUs, long totalUs) {
        this(cluster, perDatabase, slowest, thresholdUs, totalUs, null);
    }

    public StatementTrace {
        Objects.requireNonNull(cluster, "cluster must not be null");
        perDatabase = OrderedMaps.copyOf(Objects.requireNonNull(perDatabase, "perDatabase must not be null"));
        slowest = List.copyOf(Objects.requireNonNull(slowest, "slowest must not be null"));
    }

    /** The same statements, measured in this sample of the client backends. */
    public StatementTrace inSample(SampledBackends backends) {
        return new StatementTrace(cluster, perDatabase, slowest, thresholdUs, totalUs, backends);
    }

    /** Where the statements were measured: {@code every backend} or the sample's {@code 2 of 9 client backends (…)}. */
    public String measuredIn() {
        return sample == null ? "every backend" : sample.describe();
    }

    /** The same for one database's statements. */
    public String measuredIn(String database) {
        return sample == null ? "every backend" : sample.describe(database);
    }
}
