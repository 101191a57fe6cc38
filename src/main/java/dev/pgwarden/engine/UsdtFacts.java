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
final class UsdtFacts extends FileFactSource<TracedFacts> {

    static final String QUERY_LATENCY = "query_latency";
    static final String LOCK_CONTENTION = "lock_contention";
    static final String LWLOCK_CONTENTION = "lwlock_contention";

    private final ProbeCatalog catalog;

    UsdtFacts(Path file, FactReader reader) {
        super(file);
        this.catalog = new ProbeCatalog(reader);
    }

    /** The sources by fact kind, each a view of the one probe file read once. */
    Map<String, FactSource> sources() {
        // an LWLock tranche's share is of the statements' summed time: without statements every share would be 0
        return Map.of(QUERY_LATENCY, signals(List.of(ProbeSignals.STATEMENTS), TracedFacts::queryLatencies),
                LOCK_CONTENTION, signals(List.of(ProbeSignals.LOCK_WAITS), TracedFacts::lockContentions),
                LWLOCK_CONTENTION, signals(List.of(ProbeSignals.LWLOCK_WAITS, ProbeSignals.STATEMENTS),
                        TracedFacts::lwlockContentions));
    }

    /** The relations read slowest, for read-latency's findings; the reason instead where they were not measured. */
    dev.pgwarden.facts.RelationReads relationReads() {
        if (!given()) {
            return new dev.pgwarden.facts.RelationReads("relations not named: no probe given");
        }
        Reading<TracedFacts> read = reading();
        if (read.cannotRun() != null) {
            return new dev.pgwarden.facts.RelationReads("relations not named: " + reasonOf(read.cannotRun()));
        }
        SignalStatus status = read.value().report().signals().status(ProbeSignals.RELATION_READS);
        return status.measured() ? read.value().relationReads()
                : new dev.pgwarden.facts.RelationReads("relations not named: " + status.reason());
    }

    @Override
    protected Outcome notGiven(List<Object> facts) {
        return ProbeFacts.noProbe();
    }

    /** This source as a whole adds nothing: its facts come through the views of {@link #sources}. */
    @Override
    protected Optional<Outcome> add(TracedFacts traced, List<Object> facts) {
        return Optional.empty();
    }

    /** @param signals the signals the facts need, each measured */
    private FactSource signals(List<String> signals, Function<TracedFacts, List<?>> make) {
        return view((traced, facts) -> {
            for (String signal : signals) {
                SignalStatus status = traced.report().signals().status(signal);
                if (!status.measured()) {
                    return Optional.of(Outcome.skipped("the probe in " + file() + " did not measure " + signal + ": "
                            + status.reason()));
                }
            }
            facts.addAll(make.apply(traced));
            return Optional.empty();
        });
    }

    @Override
    protected Reading<TracedFacts> read(Path file) {
        Optional<ProbeReport> report = new ProbeInputReader(null).envelope(file);
        if (report.isEmpty()) {
            return Reading.cannot(Outcome.skipped("the probe input " + file + " is bpftrace output, not an envelope of"
                    + " pgwarden probe, so it holds no statement, lock or relation signals"));
        }
        try {
            Map<String, ProbeRelation> names = catalog.name(
                    Optional.ofNullable(report.get().trace().lockWaits()).orElse(List.of()),
                    Optional.ofNullable(report.get().trace().relationReads()).orElse(List.of()));
            return Reading.of(new TracedFacts(report.get(), describe(file, report.get()), names));
        } catch (SQLException e) {
            return Reading.cannot(Outcome.errored("cannot name the probe's relations: "
                    + SqlFailures.firstLine(String.valueOf(e.getMessage()))));
        }
    }

    private static String reasonOf(Outcome cannotRun) {
        return cannotRun instanceof Outcome.Skipped skipped ? skipped.reason()
                : cannotRun instanceof Outcome.Errored errored ? errored.reason() : cannotRun.toString();
    }

    private static String describe(Path file, ProbeReport report) {
        return file + ": pgwarden probe on " + report.host() + ", postmaster " + report.postmasterPid() + ", "
                + report.durationS() + " s from " + report.startedAt();
    }
}
