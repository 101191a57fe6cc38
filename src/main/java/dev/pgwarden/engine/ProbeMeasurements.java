package dev.pgwarden.engine;

import dev.pgwarden.facts.Measurement;
import dev.pgwarden.probe.ReadLatency;
import java.util.List;

/** Read-latency percentiles as baseline measurements (microseconds; below 100 µs is cache noise). */
final class ProbeMeasurements {

    private static final double FLOOR_US = 100;

    private ProbeMeasurements() {
    }

    static List<Measurement> of(ReadLatency latency) {
        String object = "read-latency:" + latency.histogram();
        return List.of(
                new Measurement(object, "p50_us", latency.p50Us(), FLOOR_US),
                new Measurement(object, "p95_us", latency.p95Us(), FLOOR_US),
                new Measurement(object, "p99_us", latency.p99Us(), FLOOR_US));
    }
}
