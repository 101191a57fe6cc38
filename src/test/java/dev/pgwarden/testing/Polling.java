package dev.pgwarden.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition on a real server (statistics to arrive, say) instead of sleeping a fixed time. */
public final class Polling {

    private Polling() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
