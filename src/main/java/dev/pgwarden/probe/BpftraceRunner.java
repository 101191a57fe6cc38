package dev.pgwarden.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs bpftrace: finds it, lists tracepoints, and runs a script for a while with JSON output.
 *
 * <p>The script ends itself after the duration (an {@code interval} probe calls {@code exit()}),
 * and bpftrace prints its maps on the way out. {@link #interrupt()} ends it early the same way:
 * bpftrace prints its maps on SIGINT too.
 */
final class BpftraceRunner {

    /** Time bpftrace may take to compile and attach before the duration starts counting. */
    private static final Duration ATTACH_GRACE = Duration.ofSeconds(60);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(15);

    /** sudo and cron may run pgwarden with a PATH that lacks the sbin directories. */
    private static final List<String> STANDARD_DIRS =
            List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin");

    private final Path bpftrace;
    private volatile Process running;

    BpftraceRunner(Path bpftrace) {
        this.bpftrace = bpftrace;
    }

    /** The executable given, or {@code bpftrace} on the PATH or in the sbin directories root uses. */
    static Path locate(Path explicit, String pathVariable) {
        return locate(explicit, pathVariable, STANDARD_DIRS);
    }

    static Path locate(Path explicit, String pathVariable, List<String> standardDirs) {
        if (explicit != null) {
            if (!Files.isExecutable(explicit)) {
                throw new ProbeEnvironmentException("bpftrace not found at " + explicit);
            }
            return explicit;
        }
        List<String> dirs = new ArrayList<>(List.of((pathVariable == null ? "" : pathVariable).split(":")));
        dirs.addAll(standardDirs);
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "bpftrace"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new ProbeEnvironmentException("bpftrace is not installed (looked on the PATH and"
                        + " in /usr/sbin, /usr/local/sbin); install it, e.g. apt-get install bpftrace"));
    }

    /** A runner of the same bpftrace for another script running beside this one. */
    BpftraceRunner another() {
        return new BpftraceRunner(bpftrace);
    }

    /** bpftrace's version line, e.g. {@code bpftrace v0.17.0}. */
    String version() {
        String out = Processes.output(List.of(bpftrace.toString(), "--version")).strip();
        return out.isEmpty() ? "bpftrace (unknown version)" : out.lines().findFirst().orElseThrow();
    }

    /** Tracepoints matching a pattern, as bpftrace lists them ({@code tracepoint:group:name}). */
    List<String> listTracepoints(String pattern) {
        return listProbes(pattern).stream().filter(l -> l.startsWith("tracepoint:")).toList();
    }

    /** Probes matching a pattern, as bpftrace lists them ({@code usdt:/path:provider:name}, …). */
    List<String> listProbes(String pattern) {
        return Processes.output(List.of(bpftrace.toString(), "-l", pattern)).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * Runs the script with JSON output until it exits or {@link #interrupt()} is called.
     *
     * @param onAttached called once with the time tracing began
     * @param tick       called about once a second while tracing runs
     * @return everything bpftrace printed on stdout
     */
    String run(Path script, List<String> arguments, Duration duration, Consumer<Long> onAttached, Runnable tick) {
        return run(List.of(), script, arguments, duration, onAttached, tick);
    }

    /** The same with bpftrace options before the script, e.g. {@code -p PID} to trace one process. */
    String run(List<String> options, Path script, List<String> arguments, Duration duration, Consumer<Long> onAttached,
               Runnable tick) {
        List<String> command = new ArrayList<>(List.of(bpftrace.toString(), "-f", "json"));
        command.addAll(options);
        command.add(script.toString());
        command.addAll(arguments);
        // Statement texts and tranche names are read as strings of at most this many bytes (bpftrace's maximum).
        Process process = Processes.start(command, java.util.Map.of("BPFTRACE_STRLEN", Integer.toString(UsdtScript.TEXT_BYTES)));
        running = process;
        CountDownLatch attached = new CountDownLatch(1);
        StringBuilder stdout = new StringBuilder();
        CompletableFuture<Void> out = CompletableFuture.runAsync(() -> collect(process.getInputStream(), stdout, attached),
                Processes.DRAIN);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> Processes.readAll(process.getErrorStream()),
                Processes.DRAIN);
        try {
            waitFor(process, duration, attached, onAttached, tick);
            out.join();
            String errors = err.join();
            if (process.exitValue() != 0) {
                throw new ProbeEnvironmentException("bpftrace failed (exit " + process.exitValue() + "): "
                        + firstError(errors));
            }
            synchronized (stdout) {
                return stdout.toString();
            }
        } finally {
            running = null;
            process.destroyForcibly();
        }
    }

    /** Ends a running script early; bpftrace still prints what it collected. Safe from any thread. */
    void interrupt() {
        Process process = running;
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            // Java can only send SIGTERM itself; SIGINT is what bpftrace documents for "stop and print".
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1): fall through to SIGTERM, which bpftrace handles the same way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }

    private void waitFor(Process process, Duration duration, CountDownLatch attached, Consumer<Long> onAttached,
                         Runnable tick) {
        try {
            if (!attached.await(ATTACH_GRACE.toMillis(), TimeUnit.MILLISECONDS) && process.isAlive()) {
                interrupt();
            }
            onAttached.accept(System.currentTimeMillis());
            long deadline = System.nanoTime() + duration.plus(EXIT_GRACE).toNanos();
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                tick.run();
                if (System.nanoTime() > deadline) {
                    interrupt();
                    if (!process.waitFor(EXIT_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new ProbeEnvironmentException("bpftrace did not stop after SIGINT; killed it");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupt();
            throw new ProbeEnvironmentException("interrupted while bpftrace was running", e);
        }
    }

    private static void collect(InputStream in, StringBuilder sink, CountDownLatch attached) {
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains("\"attached_probes\"")) {
                    attached.countDown();
                }
                synchronized (sink) {
                    sink.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process died; its exit code tells what happened
        } finally {
            attached.countDown();
        }
    }

    /** bpftrace's first ERROR line, skipping the RLIMIT_MEMLOCK complaint it prints even when it works. */
    static String firstError(String stderr) {
        Optional<String> error = stderr.lines().map(String::strip)
                .filter(l -> l.contains("ERROR") && !l.contains("RLIMIT_MEMLOCK")).findFirst();
        return error.or(() -> stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst())
                .orElse("no error message");
    }
}
