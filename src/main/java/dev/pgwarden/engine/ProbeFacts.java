package dev.pgwarden.engine;

import dev.pgwarden.probe.ProbeFormatException;
import dev.pgwarden.probe.ProbeInputReader;
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
final class ProbeFacts implements FactSource {

    static final String KIND = "read_latency";
    static final String MEASUREMENTS_KIND = "probe_measurements";

    /** The skip of a check whose probe was not given, naming the probe command as the user runs pgwarden. */
    static Outcome noProbe() {
        return Outcome.skipped("no probe given: on the database host run 'sudo "
                + CommandName.of("probe --duration 30s --out probe.json") + "', then pass --probe probe.json");
    }
    private final Path file;
    private final String mapName;
    private final Supplier<RelationReads> relationReads;
    private Object reading;

    ProbeFacts(Path file, String mapName) {
        this(file, mapName, () -> new RelationReads("relations not named"));
    }

    /** @param relationReads the relations read slowest, added beside the reading for findings to name */
    ProbeFacts(Path file, String mapName, Supplier<RelationReads> relationReads) {
        this.file = file;
        this.mapName = mapName;
        this.relationReads = relationReads;
    }

    @Override
    public boolean given() {
        return file != null;
    }

    @Override
    public Optional<Outcome> addTo(List<Object> facts) {
        if (!given()) {
            return Optional.of(noProbe());
        }
        if (reading == null) {
            reading = read();
        }
        if (reading instanceof Outcome cannotRun) {
            return Optional.of(cannotRun);
        }
        facts.add(reading);
        facts.add(relationReads.get());
        return Optional.empty();
    }

    /** The reading as baseline measurements; none without a probe or without samples. */
    List<dev.pgwarden.facts.Measurement> measurements() {
        if (file == null) {
            return List.of();
        }
        if (reading == null) {
            reading = read();
        }
        return reading instanceof ReadLatency latency ? ProbeMeasurements.of(latency) : List.of();
    }

    /** The probe's percentiles as {@code probe_measurements} facts: none, rather than a skip, without a probe. */
    FactSource asMeasurements() {
        return facts -> {
            facts.addAll(measurements());
            return Optional.empty();
        };
    }

    private Object read() {
        try {
            if (new ProbeInputReader(mapName).hostOnly(file)) {
                return Outcome.skipped("the probe in " + file + " holds host facts only (" + CommandName.of("probe --host-only")
                        + "): run '" + CommandName.of("probe") + "' without --host-only, as root, to measure reads");
            }
            if (new ProbeInputReader(mapName).sampledOnly(file)) {
                return Outcome.skipped("the probe in " + file + " sampled pg_stat_activity only (pgwarden probe --url without"
                        + " --data-dir): run it on the database host as root to measure reads");
            }
            Optional<SignalStatus> reads = new ProbeInputReader(mapName).envelope(file)
                    .map(r -> r.signals().statuses().get(ProbeSignals.READS)).filter(s -> !s.measured());
            if (reads.isPresent()) {
                return Outcome.skipped("the probe in " + file + " did not measure reads: " + reads.get().reason());
            }
            Optional<ReadLatency> latency = ReadLatency.of(new ProbeInputReader(mapName).read(file));
            return latency.<Object>map(l -> l).orElse(Outcome.skipped("the probe in " + file + " measured no reads"));
        } catch (ProbeFormatException e) {
            return Outcome.errored(e.getMessage());
        }
    }
}
