package dev.pgwarden.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One bpftrace per sampled backend ({@code bpftrace -p PID}), for the probe's statement and LWLock signals when it
 * traces a sample of the client backends: a uprobe attached for one process is written into that process alone, and
 * the statements' tracepoints are filtered by its pid. Rescanned about once a second while the main bpftrace runs: the
 * {@link BackendSample} picks backends for the free slots, and the tracer of a backend that exited is stopped, so
 * bpftrace prints what it collected.
 */
final class BackendTracers {

    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);
    /** No tracer starts this close to the end: bpftrace takes about as long to compile and attach. */
    private static final Duration LAST_START = Duration.ofSeconds(2);

    /** The scripts' arguments for a run of {@code runMillis}, tracing one backend's statements or all ({@code 0}). */
    @FunctionalInterface
    interface Arguments {
        List<String> of(long runMillis, long backendPid);
    }

    /** One backend's bpftrace. */
    private record Tracer(long pid, String database, BpftraceRunner runner, CompletableFuture<String> output) {
    }

    private final BpftraceRunner bpftrace;
    private final BackendSample sample;
    private final Path script;
    private final Arguments arguments;
    private final Map<Long, Tracer> tracers = new LinkedHashMap<>();
    private long endsAt;

    /**
     * @param script    the composed sections traced per backend
     * @param arguments the main script's arguments; each tracer runs for the time left when it starts, for its
     *                  backend alone (the statements' syscall tracepoints see every process)
     */
    BackendTracers(BpftraceRunner bpftrace, BackendSample sample, Path script, Arguments arguments) {
        this.bpftrace = bpftrace;
        this.sample = sample;
        this.script = script;
        this.arguments = arguments;
    }

    /** The main bpftrace attached: tracing runs until {@code duration} from now. */
    synchronized void begin(Duration duration) {
        endsAt = System.currentTimeMillis() + duration.toMillis();
    }

    /** Starts tracers for the sample's free slots and stops those of backends that exited. */
    synchronized void rescan(Map<Long, String> clients) {
        tracers.values().stream().filter(t -> !clients.containsKey(t.pid()) && !t.output().isDone())
                .forEach(t -> t.runner().interrupt());
        Set<Long> running = tracers.values().stream().filter(t -> !t.output().isDone()).map(Tracer::pid)
                .collect(Collectors.toSet());
        long left = endsAt - System.currentTimeMillis();
        if (left < LAST_START.toMillis()) {
            return;
        }
        for (long pid : sample.choose(clients, running)) {
            start(pid, clients.get(pid), Duration.ofMillis(left));
        }
    }

    /**
     * Stops every tracer and returns what each printed; a backend whose tracer attached is recorded as traced.
     *
     * @throws ProbeEnvironmentException when a tracer failed while its backend still ran
     */
    List<String> finish() {
        List<Tracer> all;
        synchronized (this) {
            endsAt = 0;
            all = List.copyOf(tracers.values());
        }
        List<String> outputs = new ArrayList<>();
        for (Tracer tracer : all) {
            try {
                String output = stop(tracer);
                if (output.contains("\"attached_probes\"")) {
                    sample.traced(tracer.pid(), tracer.database());
                    outputs.add(output);
                }
            } catch (ExecutionException e) {
                // a backend that ended before its tracer attached was not traced; any other failure is the probe's
                if (ProcessHandle.of(tracer.pid()).isPresent()) {
                    throw new ProbeEnvironmentException("bpftrace of backend " + tracer.pid() + " failed: "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new ProbeEnvironmentException("bpftrace of backend " + tracer.pid() + " did not stop", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProbeEnvironmentException("interrupted while stopping the backends' bpftrace", e);
            }
        }
        return outputs;
    }

    /** Stops every tracer still running, for a probe that failed; what they printed is dropped. */
    synchronized void cancel() {
        endsAt = 0;
        tracers.values().stream().filter(t -> !t.output().isDone()).forEach(t -> t.runner().interrupt());
    }

    /** Interrupts a tracer until it ends: one started a moment ago may not have its process yet. */
    private static String stop(Tracer tracer) throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + FINISH_TIMEOUT.toNanos();
        for (int second = 0; ; second++) {
            if (second % 5 == 0) {
                tracer.runner().interrupt();
            }
            try {
                return tracer.output().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private void start(long pid, String database, Duration left) {
        BpftraceRunner runner = bpftrace.another();
        List<String> args = arguments.of(left.toMillis(), pid);
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> runner.run(
                List.of("-p", Long.toString(pid)), script, args, left, at -> { }, () -> { }), Processes.DRAIN);
        tracers.put(pid, new Tracer(pid, database, runner, output));
    }
}
