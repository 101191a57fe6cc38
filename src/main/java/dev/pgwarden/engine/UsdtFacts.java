package dev.pgwarden.engine;

import dev.pgwarden.facts.FactReader;
import dev.pgwarden.facts.ProbeRelation;
import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeSignals;
import dev.pgwarden.probe.SignalStatus;
import dev.pgwarden.results.Outcome;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The probe file's USDT signals as facts ({@value #QUERY_LATENCY}, {@value #LOCK_CONTENTION},
 * {@value #LWLOCK_CONTENTION}), read and named once per run. A check whose signal the probe did not measure is
 * skipped with the reason the probe recorded (no USDT probes in the server's binary, not root, …).
 */
final class UsdtFacts {

    static final String QUERY_LATENCY = "query_latency";
    static final String LOCK_CONTENTION = "lock_contention";
    static final String LWLOCK_CONTENTION = "lwlock_contention";

    private final Path file;
    private final ProbeCatalog catalog;
    private Object traced;

    UsdtFacts(Path file, FactReader reader) {
        this.file = file;
        this.catalog = new ProbeCatalog(reader);
    }

    /** The sources by fact kind. */
    Map<String, FactSource> sources() {
        // an LWLock tranche's share is of the statements' summed time: without statements every share would be 0
        return Map.of(QUERY_LATENCY, source(List.of(ProbeSignals.STATEMENTS), TracedFacts::queryLatencies),
                LOCK_CONTENTION, source(List.of(ProbeSignals.LOCK_WAITS), TracedFacts::lockContentions),
                LWLOCK_CONTENTION, source(List.of(ProbeSignals.LWLOCK_WAITS, ProbeSignals.STATEMENTS),
                        TracedFacts::lwlockContentions));
    }

    /** The relations read slowest, for read-latency's findings; the reason instead where they were not measured. */
    dev.pgwarden.facts.RelationReads relationReads() {
        Object facts = traced();
        if (facts instanceof Outcome.Skipped skipped) {
            return new dev.pgwarden.facts.RelationReads("relations not named: " + skipped.reason());
        }
        if (facts instanceof Outcome.Errored errored) {
            return new dev.pgwarden.facts.RelationReads("relations not named: " + errored.reason());
        }
        SignalStatus status = ((TracedFacts) facts).report().signals().status(ProbeSignals.RELATION_READS);
        return status.measured() ? ((TracedFacts) facts).relationReads()
                : new dev.pgwarden.facts.RelationReads("relations not named: " + status.reason());
    }

    /** @param signals the signals the facts need, each measured */
    private FactSource source(List<String> signals, Function<TracedFacts, List<?>> make) {
        return new FactSource() {
            @Override
            public boolean given() {
                return file != null;
            }

            @Override
            public Optional<Outcome> addTo(List<Object> facts) {
                if (file == null) {
                    return Optional.of(ProbeFacts.noProbe());
                }
                Object read = traced();
                if (read instanceof Outcome cannotRun) {
                    return Optional.of(cannotRun);
                }
                TracedFacts traced = (TracedFacts) read;
                for (String signal : signals) {
                    SignalStatus status = traced.report().signals().status(signal);
                    if (!status.measured()) {
                        return Optional.of(Outcome.skipped("the probe in " + file + " did not measure " + signal + ": "
                                + status.reason()));
                    }
                }
                facts.addAll(make.apply(traced));
                return Optional.empty();
            }
        };
    }

    private Object traced() {
        if (traced == null) {
            traced = read();
        }
        return traced;
    }

    private Object read() {
        Optional<ProbeReport> report = new ProbeInputReader(null).envelope(file);
        if (report.isEmpty()) {
            return Outcome.skipped("the probe input " + file + " is bpftrace output, not an envelope of pgwarden probe,"
                    + " so it holds no statement, lock or relation signals");
        }
        try {
            Map<String, ProbeRelation> names = catalog.name(
                    Optional.ofNullable(report.get().trace().lockWaits()).orElse(List.of()),
                    Optional.ofNullable(report.get().trace().relationReads()).orElse(List.of()));
            return new TracedFacts(report.get(), describe(report.get()), names);
        } catch (SQLException e) {
            return Outcome.errored("cannot name the probe's relations: " + SqlFailures.firstLine(String.valueOf(e.getMessage())));
        }
    }

    private String describe(ProbeReport report) {
        return file + ": pgwarden probe on " + report.host() + ", postmaster " + report.postmasterPid() + ", "
                + report.durationS() + " s from " + report.startedAt();
    }
}
