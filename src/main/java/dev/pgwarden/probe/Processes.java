package dev.pgwarden.probe;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** Starting helper processes (bpftrace) with stdin closed and both outputs drained. */
final class Processes {

    /**
     * Threads that read helper processes' outputs: each read blocks until its process ends, so one thread per stream,
     * never the common pool, which several bpftrace processes at once would exhaust.
     */
    static final Executor DRAIN = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "pgwarden-process-output");
        thread.setDaemon(true);
        return thread;
    });

    private Processes() {
    }

    /** Runs a short command to its end and returns its stdout; stderr is read and dropped. */
    static String output(List<String> command) {
        Process process = start(command);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), DRAIN);
        String out = readAll(process.getInputStream());
        err.join();
        return out;
    }

    static Process start(List<String> command) {
        return start(command, java.util.Map.of());
    }

    /** @param environment variables set for the process beside the inherited ones */
    static Process start(List<String> command, java.util.Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
