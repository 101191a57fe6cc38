package dev.pgwarden.engine;

import dev.pgwarden.probe.HistogramBucket;
import dev.pgwarden.probe.LatencyHistogram;
import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.StatementTrace;
import dev.pgwarden.results.HistogramSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The probe file's latency histograms as series for the metrics file: its read histograms, and where it traced
 * statements, the cluster's statement latency, with the statements' summed time the probe measured, and each
 * database's. Sums the probe does not keep are left out rather than guessed from bucket bounds. None without a
 * probe envelope (bare bpftrace output has no statements, and its reads are judged by read-latency).
 */
final class ProbeHistograms {

    static final String CLUSTER = "cluster_query_latency_seconds";
    static final String DATABASE = "query_latency_seconds";
    static final String READS = "probe_read_latency_seconds";

    private ProbeHistograms() {
    }

    static List<HistogramSeries> of(Path probe) {
        if (probe == null) {
            return List.of();
        }
        // An unreadable file is reported by the checks that need it; here it only means no histograms.
        return new ProbeInputReader(null).envelope(probe).map(ProbeHistograms::of).orElse(List.of());
    }

    private static List<HistogramSeries> of(ProbeReport report) {
        List<HistogramSeries> series = new ArrayList<>();
        report.histograms().forEach((name, histogram) -> series.add(new HistogramSeries(READS, "read latency of the cluster's"
                + " processes as the host probe measured it, by histogram (reads: read calls; device_reads: those that"
                + " waited for the device; device_io: the block requests they issued)", Map.of("histogram", name), buckets(histogram), null)));
        StatementTrace statements = report.trace().statements();
        if (statements != null) {
            series.add(new HistogramSeries(CLUSTER, "statement latency of the whole cluster, a request's arrival"
                    + " to its answer on the client's socket, as the host probe measured it", Map.of(), buckets(statements.cluster()),
                    statements.totalUs() / 1e6));
            statements.perDatabase().forEach((database, histogram) -> series.add(new HistogramSeries(DATABASE,
                    "statement latency per database, a request's arrival to its answer on the client's socket, as the host"
                            + " probe measured it",
                    Map.of("database", database), buckets(histogram), null)));
        }
        return series;
    }

    /**
     * bpftrace's buckets are half-open, [lower, upper), over microseconds truncated from nanoseconds, so each of
     * a bucket's samples took less than its upper bound: that bound is its {@code le}.
     */
    private static List<HistogramSeries.Bucket> buckets(LatencyHistogram histogram) {
        return histogram.buckets().stream().map(b -> new HistogramSeries.Bucket(upperSeconds(b), b.count())).toList();
    }

    private static Double upperSeconds(HistogramBucket bucket) {
        return bucket.isOpen() ? null : bucket.upperUs() / 1e6;
    }
}
