package dev.pgwarden.engine;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans a caller made before launching the engine, handed to the engine's discovery instead of made again: the
 * JUnit Platform passes only strings to an engine, so the launch carries a key ({@value #KEY}) to the plan.
 * Loading the rules, reading the suite and resolving the target then happen once per run.
 */
final class PlansHandedOver {

    /** The configuration parameter holding the key; set by {@link CheckLauncher}, not by users. */
    static final String KEY = "pgwarden.plan_handed_over";
    private static final Map<String, RunPlan> PLANS = new ConcurrentHashMap<>();

    private PlansHandedOver() {
    }

    /** Holds the plan until {@link #release}; the key to put in the launch's configuration. */
    static String hold(RunPlan plan) {
        String key = UUID.randomUUID().toString();
        PLANS.put(key, plan);
        return key;
    }

    /** The plan held under the key, or null (no key, or a launch not made by {@link CheckLauncher}). */
    static RunPlan get(String key) {
        return key == null ? null : PLANS.get(key);
    }

    static void release(String key) {
        PLANS.remove(key);
    }
}
