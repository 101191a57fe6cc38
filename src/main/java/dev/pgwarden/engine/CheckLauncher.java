package dev.pgwarden.engine;

import dev.pgwarden.results.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * Runs the pgwarden engine through the JUnit Platform Launcher, as any build tool would, with extra
 * listeners for reports, and sums up what it published.
 */
public final class CheckLauncher {

    /**
     * Runs the plan the caller made from the same configuration, which the engine takes instead of planning again.
     *
     * @param configuration pgwarden configuration parameters ({@link Constants}) the plan was made from
     * @param listeners     further listeners, such as a JUnit XML writer
     */
    public RunSummary run(String targetDescription, RunPlan plan, Map<String, String> configuration,
            List<TestExecutionListener> listeners) {
        String key = PlansHandedOver.hold(plan);
        try {
            Map<String, String> withPlan = new HashMap<>(configuration);
            withPlan.put(PlansHandedOver.KEY, key);
            return run(targetDescription, withPlan, listeners);
        } finally {
            PlansHandedOver.release(key);
        }
    }

    /**
     * @param configuration pgwarden configuration parameters ({@link Constants}); the engine plans the run from them
     * @param listeners     further listeners, such as a JUnit XML writer
     */
    public RunSummary run(String targetDescription, Map<String, String> configuration, List<TestExecutionListener> listeners) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(PgwardenTestEngine.ENGINE_ID)))
                .filters(org.junit.platform.launcher.EngineFilter.includeEngines(PgwardenTestEngine.ENGINE_ID))
                .configurationParameters(configuration)
                .build();
        ResultCollector collector = new ResultCollector();
        List<TestExecutionListener> all = new ArrayList<>(listeners);
        all.add(collector);
        Instant started = Instant.now();
        long start = System.nanoTime();
        try (LauncherSession session = openSession()) {
            session.getLauncher().execute(request, all.toArray(TestExecutionListener[]::new));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new RunSummary(targetDescription, started, millis, collector.results(), collector.targetFailure(),
                collector.targetUnreachable(), collector.platform(), collector.provenance())
                .withHistograms(ProbeHistograms.of(RunPlanner.optionalPath(configuration.get(Constants.PROBE))));
    }

    /** A session's launcher is made as it opens: here, so without JUnit's Flight Recorder listeners. */
    private static LauncherSession openSession() {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(new WithoutFlightRecorder(context != null ? context : CheckLauncher.class.getClassLoader()));
        try {
            // Only the listeners asked for: a listener found on the class path (Allure's) would write files unasked.
            return LauncherFactory.openSession(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
        } finally {
            thread.setContextClassLoader(context);
        }
    }
}
