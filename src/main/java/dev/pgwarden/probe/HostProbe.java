package dev.pgwarden.probe;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the shipped bpftrace script against one cluster and turns its output into a
 * {@link ProbeReport}: checks the host, runs bpftrace for the duration (or until interrupted)
 * and names the histograms {@code reads}, {@code device_reads} and {@code device_io}, and times statements on the
 * backends' sockets. Where the postmaster's binary has USDT probes, the same run traces lock and LWLock waits and
 * relation reads ({@link UsdtScript}); the report's signals say whether it did and why not. Statements and LWLock
 * waits are traced either by the same bpftrace in every backend or, with a sample ({@link StatementBackends}), by one
 * bpftrace per sampled backend ({@link BackendTracers}), whose outputs are parsed with the main one's.
 */
public final class HostProbe {

    /** Statements at least this slow are kept with their text: bcc's dbslower's default threshold. */
    public static final Duration SLOW_STATEMENT = Duration.ofMillis(1);

    /** What the script attaches to; {@code sys_*_pread*} also picks up preadv and preadv2 where present. */
    static final List<String> REQUIRED_TRACEPOINTS = List.of(
            "tracepoint:syscalls:sys_enter_pread64", "tracepoint:syscalls:sys_exit_pread64",
            "tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_complete");
    /** The statements signal's: a backend's reads and sends on its client socket, and its exit. */
    static final List<String> STATEMENT_TRACEPOINTS = List.of(
            "tracepoint:syscalls:sys_enter_recvfrom", "tracepoint:syscalls:sys_enter_sendto",
            "tracepoint:sched:sched_process_exit");

    /** Histogram names in the envelope, by the script's map names. */
    static final Map<String, String> HISTOGRAMS = Map.of(
            "reads_us", "reads", "device_reads_us", "device_reads", "device_io_us", "device_io");

    private static final Path PROC = Path.of("/proc");
    private static final String SOURCE = "bpftrace output";

    private final BpftraceRunner runner;
    private final ProbePreflight preflight;
    private final SignalSelection selection;
    private final StatementBackends backends;

    /** The probe of every signal, statements in the default sample of backends. */
    public HostProbe(Path bpftrace) {
        this(bpftrace, SignalSelection.all());
    }

    /** @param selection the signals to trace; the others are recorded as not requested */
    public HostProbe(Path bpftrace, SignalSelection selection) {
        this(bpftrace, selection, StatementBackends.parse(StatementBackends.DEFAULT));
    }

    /** @param backends in which client backends statements and LWLock waits are traced */
    public HostProbe(Path bpftrace, SignalSelection selection, StatementBackends backends) {
        this(new BpftraceRunner(BpftraceRunner.locate(bpftrace, System.getenv("PATH"))), new ProbePreflight(Path.of("/")),
                selection, backends);
    }

    HostProbe(BpftraceRunner runner, ProbePreflight preflight, SignalSelection selection, StatementBackends backends) {
        this.runner = runner;
        this.preflight = preflight;
        this.selection = selection;
        this.backends = backends;
    }

    /** Fails with a {@link ProbeEnvironmentException} when the host cannot run the script. */
    public void checkHost() {
        preflight.requirePrivileges();
        preflight.requireTracefs();
        preflight.requireBtf();
        if (selection.requests(ProbeSignals.READS)) {
            requireTracepoints(REQUIRED_TRACEPOINTS, "tracepoint:syscalls:sys_*_pread*", "tracepoint:block:block_rq_*");
        }
        if (selection.requests(ProbeSignals.STATEMENTS)) {
            requireTracepoints(STATEMENT_TRACEPOINTS, "tracepoint:syscalls:sys_enter_recvfrom",
                    "tracepoint:syscalls:sys_enter_sendto", "tracepoint:sched:sched_process_exit");
        }
    }

    /** Fails unless bpftrace lists every one of {@code needed} among the tracepoints matching {@code patterns}. */
    private void requireTracepoints(List<String> needed, String... patterns) {
        List<String> listed = new ArrayList<>();
        for (String pattern : patterns) {
            listed.addAll(runner.listTracepoints(pattern));
        }
        preflight.requireTracepoints(needed, listed);
    }

    /** Why this host could not trace now (not root, tracefs not mounted); empty when those two are in order. */
    public static java.util.Optional<String> tracingObstacle() {
        return new ProbePreflight(Path.of("/")).tracingObstacle();
    }

    /** Stops a running probe early; what was collected is still returned by {@link #run}. */
    public void interrupt() {
        runner.interrupt();
    }

    /**
     * @param hostFacts collects the host facts the envelope carries beside the histograms, after tracing
     * @param tick called about once a second with the time left
     */
    public ProbeReport run(long postmasterPid, Duration duration, java.util.function.Supplier<HostFacts> hostFacts,
                           Consumer<Duration> tick) {
        return run(postmasterPid, duration, hostFacts, tick, Set.of());
    }

    /** The same, leaving out the statements of pgwarden's own backends (its wait-event sampler's session). */
    public ProbeReport run(long postmasterPid, Duration duration, java.util.function.Supplier<HostFacts> hostFacts,
                           Consumer<Duration> tick, Set<Long> ownBackends) {
        PostgresUsdt.Found usdt = selection.anyUsdt() ? new PostgresUsdt(PROC, runner).find(postmasterPid)
                : new PostgresUsdt.Found(null, "not requested");
        LockNames lockNames = new LockNames(ServerMajor.of(PROC, postmasterPid));
        BackendDatabases databases = new BackendDatabases(PROC, postmasterPid, ownBackends);
        databases.look();
        boolean sampled = backends.sampled() && selection.requests(ProbeSignals.STATEMENTS);
        Path script = writeScript(UsdtScript.compose(usdt.binary(),
                signal -> selection.requests(signal) && !(sampled && backends.perBackend(signal))));
        Path backendScript = sampled ? writeScript(UsdtScript.compose(usdt.binary(),
                signal -> selection.requests(signal) && backends.perBackend(signal))) : null;
        // The scripts' arguments ($1 to $5) for a run of that many milliseconds ($2), of the one backend traced ($5)
        // or of all (0).
        BackendTracers.Arguments arguments = (runMillis, backendPid) -> List.of(Long.toString(postmasterPid),
                Long.toString(runMillis), Long.toString(SLOW_STATEMENT.toNanos() / 1000),
                Integer.toString(lockNames.lastRelationTag()), Long.toString(backendPid));
        BackendSample sample = sampled ? new BackendSample(backends.limit()) : null;
        BackendTracers tracers = sampled ? new BackendTracers(runner, sample, backendScript, arguments) : null;
        long[] started = {System.currentTimeMillis()};
        try {
            String output = runner.run(script, arguments.of(duration.toMillis(), 0), duration, at -> {
                        started[0] = at;
                        if (tracers != null) {
                            tracers.begin(duration);
                            tracers.rescan(databases.clients());
                        }
                    }, () -> {
                        databases.look();
                        if (tracers != null) {
                            tracers.rescan(databases.clients());
                        }
                        tick.accept(duration.minusMillis(System.currentTimeMillis() - started[0]));
                    });
            double seconds = (System.currentTimeMillis() - started[0]) / 1000.0;
            List<Map.Entry<Integer, JsonNode>> objects = new ArrayList<>(JsonValues.sequence(output, SOURCE,
                    "expected bpftrace -f json output"));
            if (tracers != null) {
                for (String backendOutput : tracers.finish()) {
                    objects.addAll(JsonValues.sequence(backendOutput, SOURCE, "expected bpftrace -f json output"));
                }
            }
            SignalStatus usdtStatus = usdt.binary() == null ? SignalStatus.missing(usdt.missingReason()) : SignalStatus.wasMeasured();
            ProbeSignals signals = ProbeSignals.none();
            for (String signal : SignalSelection.TRACED) {
                signals = signals.with(signal, selection.status(signal,
                        ProbeSignals.USDT.contains(signal) ? usdtStatus : SignalStatus.wasMeasured()));
            }
            PostgresTrace trace = usdt.binary() == null && !selection.requests(ProbeSignals.STATEMENTS) ? PostgresTrace.none()
                    : new UsdtOutputParser(SOURCE, databases::of, lockNames, SLOW_STATEMENT.toNanos() / 1000).parse(objects);
            if (sample != null && trace.statements() != null) {
                trace = trace.withStatements(trace.statements().inSample(sample.result()));
            }
            return new ProbeReport(ProbeReport.FORMAT, HostName.read(PROC), System.getProperty("os.version"),
                    runner.version(), postmasterPid, Instant.ofEpochMilli(started[0]),
                    Math.min(seconds, duration.toMillis() / 1000.0), histograms(objects), hostFacts.get(), signals, trace);
        } finally {
            if (tracers != null) {
                tracers.cancel();
            }
            deleteQuietly(script);
            if (backendScript != null) {
                deleteQuietly(backendScript);
            }
        }
    }

    private static Map<String, LatencyHistogram> histograms(List<Map.Entry<Integer, JsonNode>> objects) {
        String source = SOURCE;
        List<RawHistogram> raws = new BpftraceJsonParser(source).parseAll(objects);
        KeyedHistogramMerger merger = new KeyedHistogramMerger(source);
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        // bpftrace prints no map that never got a sample; the envelope still names all three.
        for (String map : List.of("reads_us", "device_reads_us", "device_io_us")) {
            LatencyHistogram merged = merger.merge(raws, map);
            histograms.put(HISTOGRAMS.get(map), new LatencyHistogram(HISTOGRAMS.get(map), merged.buckets(), merged.keys()));
        }
        return histograms;
    }

    private static Path writeScript(String text) {
        try {
            Path script = Files.createTempFile("pgwarden-probe-", ".bt");
            Files.writeString(script, text);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the probe script to a temporary file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover script in the temp directory is harmless
        }
    }
}
