package dev.pgwarden.probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A {@link WaitEventSampler} running on a thread of its own beside bpftrace, for the same window. */
final class BackgroundSampling {

    private final WaitEventSampler sampler;
    private final CompletableFuture<WaitEventProfile> profile;

    private BackgroundSampling(WaitEventSampler sampler, Duration atMost) {
        this.sampler = sampler;
        this.profile = CompletableFuture.supplyAsync(() -> sampler.sample(atMost),
                task -> new Thread(task, "pgwarden-wait-event-sampler").start());
    }

    /** Starts sampling now; it ends at {@link #finish} or after {@code atMost}, whichever comes first. */
    static BackgroundSampling start(WaitEventSampler sampler, Duration atMost) {
        return new BackgroundSampling(sampler, atMost);
    }

    /** Ends the sampling (after its current tick) and returns what it saw. */
    WaitEventProfile finish() {
        sampler.stop();
        return profile.join();
    }
}
