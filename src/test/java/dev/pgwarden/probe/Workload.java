package dev.pgwarden.probe;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A background loop for tests that runs until closed. */
final class Workload implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private Workload(Consumer<AtomicBoolean> loop) {
        thread = new Thread(() -> loop.accept(running), "probe-test-workload");
        thread.setDaemon(true);
        thread.start();
    }

    static Workload start(Consumer<AtomicBoolean> loop) {
        return new Workload(loop);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
