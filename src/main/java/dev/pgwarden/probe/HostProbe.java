package dev.pgwarden.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the shipped bpftrace script against one cluster and turns its output into a
 * {@link ProbeReport}: checks the host, runs bpftrace for the duration (or until interrupted)
 * and names the histograms {@code reads}, {@code device_reads} and {@code device_io}.
 */
public final class HostProbe {

    /** The script in the jar; see its header for the arguments it takes. */
    static final String SCRIPT_RESOURCE = "/probe/read-latency.bt";

    /** What the script attaches to; {@code sys_*_pread*} also picks up preadv and preadv2 where present. */
    static final List<String> REQUIRED_TRACEPOINTS = List.of(
            "tracepoint:syscalls:sys_enter_pread64", "tracepoint:syscalls:sys_exit_pread64",
            "tracepoint:block:block_rq_issue", "tracepoint:block:block_rq_complete");

    /** Histogram names in the envelope, by the script's map names. */
    static final Map<String, String> HISTOGRAMS = Map.of(
            "reads_us", "reads", "device_reads_us", "device_reads", "device_io_us", "device_io");

    private final BpftraceRunner runner;
    private final ProbePreflight preflight;

    public HostProbe(Path bpftrace) {
        this(new BpftraceRunner(BpftraceRunner.locate(bpftrace, System.getenv("PATH"))), new ProbePreflight(Path.of("/")));
    }

    HostProbe(BpftraceRunner runner, ProbePreflight preflight) {
        this.runner = runner;
        this.preflight = preflight;
    }

    /** Fails with a {@link ProbeEnvironmentException} when the host cannot run the script. */
    public void checkHost() {
        preflight.requirePrivileges();
        preflight.requireTracefs();
        preflight.requireBtf();
        List<String> listed = new ArrayList<>(runner.listTracepoints("tracepoint:syscalls:sys_*_pread*"));
        listed.addAll(runner.listTracepoints("tracepoint:block:block_rq_*"));
        preflight.requireTracepoints(REQUIRED_TRACEPOINTS, listed);
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
        Path script = extractScript();
        long[] started = {System.currentTimeMillis()};
        try {
            String output = runner.run(script, List.of(Long.toString(postmasterPid), Long.toString(duration.toMillis())),
                    duration, at -> started[0] = at,
                    () -> tick.accept(duration.minusMillis(System.currentTimeMillis() - started[0])));
            double seconds = (System.currentTimeMillis() - started[0]) / 1000.0;
            return new ProbeReport(ProbeReport.FORMAT, HostName.read(Path.of("/proc")), System.getProperty("os.version"),
                    runner.version(), postmasterPid, Instant.ofEpochMilli(started[0]),
                    Math.min(seconds, duration.toMillis() / 1000.0), histograms(output), hostFacts.get());
        } finally {
            deleteQuietly(script);
        }
    }

    private static Map<String, LatencyHistogram> histograms(String output) {
        String source = "bpftrace output";
        List<RawHistogram> raws = new BpftraceJsonParser(source).parseAll(JsonValues.sequence(output, source,
                "expected bpftrace -f json output"));
        KeyedHistogramMerger merger = new KeyedHistogramMerger(source);
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        // bpftrace prints no map that never got a sample; the envelope still names all three.
        for (String map : List.of("reads_us", "device_reads_us", "device_io_us")) {
            LatencyHistogram merged = merger.merge(raws, map);
            histograms.put(HISTOGRAMS.get(map), new LatencyHistogram(HISTOGRAMS.get(map), merged.buckets(), merged.keys()));
        }
        return histograms;
    }

    private static Path extractScript() {
        try (InputStream in = HostProbe.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the jar");
            }
            Path script = Files.createTempFile("pgwarden-probe-", ".bt");
            Files.write(script, in.readAllBytes());
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
