package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One probe run that survives Ctrl-C: while it runs, a shutdown hook stops bpftrace with SIGINT
 * (so it prints what it collected) and the wait-event sampler, and holds the JVM until the envelope is written.
 *
 * <p>On a terminal, Ctrl-C reaches bpftrace directly as well (same process group); the hook covers
 * the JVM being signalled alone, e.g. {@code kill -INT} or {@code kill -TERM} from a supervisor.
 */
public final class ProbeRun {

    /** How long the hook holds the JVM for bpftrace to print and the envelope to be written. */
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);

    private final HostProbe probe;
    private final WaitEventSampler sampler;

    public ProbeRun(HostProbe probe) {
        this(probe, null);
    }

    /**
     * @param probe   bpftrace on the host; null to sample the wait events alone ({@code probe --url} without a cluster)
     * @param sampler samples pg_stat_activity on its own thread in the probe's window; null for none
     */
    public ProbeRun(HostProbe probe, WaitEventSampler sampler) {
        this.probe = probe;
        this.sampler = sampler;
    }

    /**
     * Runs the probe and writes the envelope to {@code out} ({@code -} for stdout).
     *
     * @param tick called about once a second with the time left, for a countdown
     */
    public ProbeReport runAndWrite(long postmasterPid, Duration duration, Supplier<HostFacts> hostFacts,
                                   Path out, Consumer<Duration> tick) throws IOException {
        if (sampler == null) {
            return writeUnderHook(() -> probe.run(postmasterPid, duration, hostFacts, tick), out);
        }
        // the sampler's own queries are pgwarden's, not the cluster's statements
        Set<Long> own = sampler.backendPid().stream().boxed().collect(Collectors.toSet());
        SamplingWindow window = new SamplingWindow(sampler, tick);
        return writeUnderHook(() -> probe.run(postmasterPid, duration, hostFacts, window, own)
                .withWaitEvents(window.finish()), out);
    }

    /**
     * Samples the wait events alone for the duration (or until Ctrl-C) and writes the envelope, whose host is the
     * one pgwarden runs on (for a managed service not the database's; the profile names the server it sampled).
     */
    public ProbeReport sampleAndWrite(Duration duration, Path out) throws IOException {
        return sampleAndWrite(duration, out, ProbeReport.NO_CLUSTER);
    }

    /** The same, with why nothing was traced (the host could not: not root, tracefs not mounted, …). */
    public ProbeReport sampleAndWrite(Duration duration, Path out, String notTraced) throws IOException {
        return writeUnderHook(() -> ProbeReport.sampledOnly(sampler.sample(duration), HostName.read(Path.of("/proc")),
                notTraced), out);
    }

    private ProbeReport writeUnderHook(Supplier<ProbeReport> measure, Path out) throws IOException {
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = stopHook(written);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ProbeReport report = measure.get();
            new ProbeEnvelopeWriter().write(report, out);
            return report;
        } finally {
            written.countDown();
            removeHook(hook);
        }
    }

    private Thread stopHook(CountDownLatch written) {
        return new Thread(() -> {
            if (probe != null) {
                probe.interrupt();
            }
            if (sampler != null) {
                sampler.stop();
            }
            try {
                written.await(FINISH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pgwarden-probe-stop");
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C); the hook is running and lets go now
        }
    }
}
