package dev.pgwarden.probe;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Keeps the wait-event sampler inside bpftrace's window: bpftrace takes seconds to attach, and prints and exits
 * after it, so the sampler starts at the first countdown tick (a second after attaching) for the time left, and
 * ends with the tracing. Ticks come from the thread that runs bpftrace, so no state here is shared.
 */
final class SamplingWindow implements Consumer<Duration> {

    private final WaitEventSampler sampler;
    private final Consumer<Duration> tick;
    private BackgroundSampling sampling;

    SamplingWindow(WaitEventSampler sampler, Consumer<Duration> tick) {
        this.sampler = sampler;
        this.tick = tick;
    }

    @Override
    public void accept(Duration left) {
        if (sampling == null && left.toMillis() > 0) {
            sampling = BackgroundSampling.start(sampler, left);
        }
        tick.accept(left);
    }

    /** What was sampled; a probe that ended before its first tick sampled nothing, and says so. */
    WaitEventProfile finish() {
        return sampling == null ? sampler.unmeasured("the probe traced for less than a second, before the first sample")
                : sampling.finish();
    }
}
