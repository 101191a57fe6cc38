package dev.pgwarden.engine;

import dev.pgwarden.facts.LockContention;
import dev.pgwarden.facts.LwlockContention;
import dev.pgwarden.facts.ProbeRelation;
import dev.pgwarden.facts.QueryLatency;
import dev.pgwarden.facts.RelationReads;
import dev.pgwarden.facts.UntracedDatabase;
import dev.pgwarden.probe.LatencyHistogram;
import dev.pgwarden.probe.LockWaitTrace;
import dev.pgwarden.probe.Percentile;
import dev.pgwarden.probe.PercentileEstimator;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.RelationReadTrace;
import dev.pgwarden.probe.SampledBackends;
import dev.pgwarden.probe.SlowStatement;
import dev.pgwarden.probe.StatementTrace;
import dev.pgwarden.results.LatencyChart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a probe file's USDT sections into the facts rules judge, relations named through the checked database. */
final class TracedFacts {

    /** How many slow statements and relations a fact names. */
    static final int SHOWN = 3;

    private final ProbeReport report;
    private final String source;
    private final Map<String, ProbeRelation> relations;

    TracedFacts(ProbeReport report, String source, Map<String, ProbeRelation> relations) {
        this.report = report;
        this.source = source;
        this.relations = relations;
    }

    ProbeReport report() {
        return report;
    }

    /**
     * Each measured database's latency, and each database with clients whose statements the probe did not measure:
     * none of its backends traced, or its traced backends ran no statement the probe sees.
     */
    List<Object> queryLatencies() {
        StatementTrace statements = report.trace().statements();
        List<Object> facts = new ArrayList<>();
        Set<String> measured = new HashSet<>();
        statements.perDatabase().forEach((database, histogram) -> percentiles(histogram).ifPresent(p -> {
            measured.add(database);
            List<SlowStatement> slowest = statements.slowest().stream().filter(s -> s.database().equals(database))
                    .limit(SHOWN).toList();
            String summary = slowest.isEmpty() ? "none took " + statements.thresholdUs() + " µs or more"
                    : slowest.stream().map(s -> String.format(Locale.ROOT, "%s (%d× ≥ %d µs, worst %.1f ms)",
                            s.text(), s.count(), statements.thresholdUs(), s.maxUs() / 1000.0)).collect(Collectors.joining("; "));
            facts.add(new QueryLatency(database, histogram.samples(),
                    p[0].estimateUs(), p[0].bucketLowerUs(), p[0].bucketUpperUs(),
                    p[1].estimateUs(), p[1].bucketLowerUs(), p[1].bucketUpperUs(),
                    p[2].estimateUs(), p[2].bucketLowerUs(), p[2].bucketUpperUs(),
                    summary, slowest.isEmpty() ? null : slowest.get(0).text(), statements.measuredIn(database), source,
                    chart(histogram)));
        }));
        SampledBackends sample = statements.sample();
        if (sample != null) {
            sample.unmeasuredDatabases(measured).forEach(db -> facts.add(new UntracedDatabase(db,
                    sample.perDatabase().get(db).seen(), sample.whyNotMeasured(db), source)));
        }
        return facts;
    }

    List<LockContention> lockContentions() {
        double durationUs = Math.max(report.durationS(), 0.001) * 1e6;
        SampledBlockers blockers = new SampledBlockers(report.waitEvents());
        return report.trace().lockWaits().stream().map(w -> {
            Percentile p99 = new PercentileEstimator().estimate(w.histogram(), 0.99).orElse(null);
            return new LockContention(relationOf(w), w.lockType(), w.mode(), w.histogram().samples(), w.totalUs() / 1000.0,
                    w.totalUs() / durationUs, p99 == null ? 0 : p99.estimateUs(), p99 == null ? 0 : p99.bucketLowerUs(),
                    report.durationS(), blockers.of(w.lockType()), source);
        }).toList();
    }

    List<LwlockContention> lwlockContentions() {
        StatementTrace statements = report.trace().statements();
        double activeUs = statements == null ? 0 : statements.totalUs();
        String measuredIn = statements == null ? "every backend" : statements.measuredIn();
        return report.trace().lwlockWaits().stream().map(w -> {
            double p99 = new PercentileEstimator().estimate(w.histogram(), 0.99).map(Percentile::estimateUs).orElse(0.0);
            return new LwlockContention(w.tranche(), w.histogram().samples(), w.totalUs() / 1000.0, activeUs / 1000.0,
                    activeUs > 0 ? w.totalUs() / activeUs : 0, p99, measuredIn, source);
        }).toList();
    }

    RelationReads relationReads() {
        List<RelationReadTrace> reads = report.trace().relationReads();
        if (reads.isEmpty()) {
            return new RelationReads("the server read no relation blocks during the probe");
        }
        return new RelationReads("relations with the most read time: " + reads.stream().limit(SHOWN)
                .map(r -> String.format(Locale.ROOT, "%s: %d reads, mean %.0f µs", name("file", r.databaseOid(),
                        r.relfilenode()), r.reads(), r.meanUs()))
                .collect(Collectors.joining("; ")));
    }

    private String relationOf(LockWaitTrace wait) {
        return wait.relationOid() == 0 ? "-" : name("relation", wait.databaseOid(), wait.relationOid());
    }

    private String name(String kind, long databaseOid, long objectId) {
        ProbeRelation relation = relations.get(ProbeCatalog.key(kind, databaseOid, objectId));
        return relation != null ? relation.describe()
                : (kind.equals("file") ? "relfilenode " : "relation oid ") + objectId + " in database oid " + databaseOid;
    }

    private static String chart(LatencyHistogram histogram) {
        return LatencyChart.render(histogram.buckets().stream()
                .map(b -> new LatencyChart.Bucket(b.lowerUs(), b.upperUs(), b.count())).toList());
    }

    private static Optional<Percentile[]> percentiles(LatencyHistogram histogram) {
        PercentileEstimator estimator = new PercentileEstimator();
        return estimator.estimate(histogram, 0.50).map(p50 -> new Percentile[] {p50,
                estimator.estimate(histogram, 0.95).orElseThrow(), estimator.estimate(histogram, 0.99).orElseThrow()});
    }
}
