package dev.pgwarden.engine;

import dev.pgwarden.probe.ProbeFormatException;
import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeSignals;
import dev.pgwarden.probe.ReadLatency;
import dev.pgwarden.probe.SignalStatus;
import dev.pgwarden.results.CommandName;
import dev.pgwarden.results.Outcome;
import dev.pgwarden.facts.RelationReads;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.List;
import java.util.Optional;

/**
 * The host probe's reading as a fact ({@code read_latency}), read from the file given with
 * {@code --probe} once per run. Without a probe the checks that need it are skipped with the command
 * that makes one.
 */
final class ProbeFacts extends FileFactSource<ReadLatency> {

    static final String KIND = "read_latency";
    static final String MEASUREMENTS_KIND = "probe_measurements";

    /** The skip of a check whose probe was not given, naming the probe command as the user runs pgwarden. */
    static Outcome noProbe() {
        return Outcome.skipped("no probe given: on the database host run 'sudo "
                + CommandName.of("probe --duration 30s --out probe.json") + "', then pass --probe probe.json");
    }
    private final String mapName;
    private final Supplier<RelationReads> relationReads;

    ProbeFacts(Path file, String mapName) {
        this(file, mapName, () -> new RelationReads("relations not named"));
    }

    /** @param relationReads the relations read slowest, added beside the reading for findings to name */
    ProbeFacts(Path file, String mapName, Supplier<RelationReads> relationReads) {
        super(file);
        this.mapName = mapName;
        this.relationReads = relationReads;
    }

    @Override
    protected Outcome notGiven(List<Object> facts) {
        return noProbe();
    }

    @Override
    protected Optional<Outcome> add(ReadLatency latency, List<Object> facts) {
        facts.add(latency);
        facts.add(relationReads.get());
        return Optional.empty();
    }

    /** The reading as baseline measurements; none without a probe or without samples. */
    List<dev.pgwarden.facts.Measurement> measurements() {
        if (!given()) {
            return List.of();
        }
        ReadLatency latency = reading().value();
        return latency == null ? List.of() : ProbeMeasurements.of(latency);
    }

    /** The probe's percentiles as {@code probe_measurements} facts: none, rather than a skip, without a probe. */
    FactSource asMeasurements() {
        return facts -> {
            facts.addAll(measurements());
            return Optional.empty();
        };
    }

    @Override
    protected Reading<ReadLatency> read(Path file) {
        try {
            ProbeInputReader reader = new ProbeInputReader(mapName);
            // the envelope is parsed once for the three ways it can say it holds no reads
            Optional<ProbeReport> envelope = reader.envelope(file);
            if (envelope.filter(ProbeReport::hostOnly).isPresent()) {
                return Reading.cannot(Outcome.skipped("the probe in " + file + " holds host facts only ("
                        + CommandName.of("probe --host-only") + "): run '" + CommandName.of("probe")
                        + "' without --host-only, as root, to measure reads"));
            }
            Optional<SignalStatus> reads = envelope.map(r -> r.signals().statuses().get(ProbeSignals.READS));
            if (envelope.filter(ProbeReport::waitEventsOnly).isPresent()) {
                // files since the sampler recorded it say why reads were not traced (no cluster given, not root, …)
                String why = reads.map(SignalStatus::reason)
                        .orElse("pgwarden probe --url without --data-dir; run it on the database host as root to measure reads");
                return Reading.cannot(Outcome.skipped("the probe in " + file + " sampled pg_stat_activity only: " + why));
            }
            if (reads.filter(s -> !s.measured()).isPresent()) {
                return Reading.cannot(Outcome.skipped("the probe in " + file + " did not measure reads: "
                        + reads.get().reason()));
            }
            return ReadLatency.of(reader.read(file)).map(Reading::of)
                    .orElse(Reading.cannot(Outcome.skipped("the probe in " + file + " measured no reads")));
        } catch (ProbeFormatException e) {
            return Reading.cannot(Outcome.errored(e.getMessage()));
        }
    }
}
