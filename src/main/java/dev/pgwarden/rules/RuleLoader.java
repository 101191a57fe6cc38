package dev.pgwarden.rules;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One background thread that loads compiled rules in the order they were asked for, so the first check's
 * rules are ready first. It ends when idle, and never keeps the JVM alive.
 */
final class RuleLoader {

    private static final ThreadPoolExecutor THREAD = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "pgwarden rule loader");
                thread.setDaemon(true);
                return thread;
            });

    static {
        THREAD.allowCoreThreadTimeOut(true);
    }

    private RuleLoader() {
    }

    static <T> Future<T> submit(Callable<T> task) {
        FutureTask<T> loading = new FutureTask<>(task);
        THREAD.execute(loading);
        return loading;
    }

    /** Takes a load off the queue if it has not started; whoever then asks for its result runs it (see CompiledCheck). */
    static void withdraw(Future<?> loading) {
        if (loading instanceof Runnable queued) {
            THREAD.remove(queued);
        }
    }
}
