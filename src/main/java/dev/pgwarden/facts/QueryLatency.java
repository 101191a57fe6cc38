package dev.pgwarden.facts;

import java.util.Optional;

/**
 * Statement latency of one database as the probe measured it on its backends' client sockets (a request's read
 * to the backend's next read, right after its answer): percentile estimates in microseconds with the bounds of the log2 bucket each lies in (an upper bound of
 * null is the open last bucket), and the slowest statements the probe kept with their text.
 *
 * @param database    the backends' database, from their process titles ({@code ?} for backends not seen)
 * @param samples     statements measured
 * @param slowest     the slowest statements: text, count and worst time; empty when none reached the threshold
 * @param slowestText the text of the slowest one, matched against pg_stat_statements; null when none
 * @param measuredIn  the backends the statements were measured in: every backend, or the probe's sample of them
 *                    ({@code 1 of its 4 client backends (2 of 9 in the cluster, probe --statement-backends 2)})
 * @param source      the probe file and run, for evidence
 * @param latencyChart the histogram as a text bar chart, for the reports
 */
public record QueryLatency(String database, long samples,
                           double p50Us, long p50LowerUs, Long p50UpperUs,
                           double p95Us, long p95LowerUs, Long p95UpperUs,
                           double p99Us, long p99LowerUs, Long p99UpperUs,
                           String slowest, String slowestText, String measuredIn, String source, String latencyChart) implements StatementsBehind, CatalogObject {

    public QueryLatency {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, was " + samples);
        }
    }

    @Override
    public String objectName() {
        return database;
    }

    @Override
    public Optional<StatementMatch> statementsBehind() {
        return slowestText == null || slowestText.isBlank() ? Optional.empty()
                : Optional.of(new StatementMatch.SameShape(slowestText));
    }
}
