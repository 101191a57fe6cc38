package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One probe run that survives Ctrl-C: while it runs, a shutdown hook stops bpftrace with SIGINT
 * (so it prints what it collected) and holds the JVM until the envelope is written.
 *
 * <p>On a terminal, Ctrl-C reaches bpftrace directly as well (same process group); the hook covers
 * the JVM being signalled alone, e.g. {@code kill -INT} or {@code kill -TERM} from a supervisor.
 */
public final class ProbeRun {

    /** How long the hook holds the JVM for bpftrace to print and the envelope to be written. */
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);

    private final HostProbe probe;

    public ProbeRun(HostProbe probe) {
        this.probe = probe;
    }

    /**
     * Runs the probe and writes the envelope to {@code out} ({@code -} for stdout).
     *
     * @param tick called about once a second with the time left, for a countdown
     */
    public ProbeReport runAndWrite(long postmasterPid, Duration duration, java.util.function.Supplier<HostFacts> hostFacts,
                                   Path out, Consumer<Duration> tick) throws IOException {
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            probe.interrupt();
            try {
                written.await(FINISH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pgwarden-probe-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ProbeReport report = probe.run(postmasterPid, duration, hostFacts, tick);
            new ProbeEnvelopeWriter().write(report, out);
            return report;
        } finally {
            written.countDown();
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C); the hook is running and lets go now
        }
    }
}
