package dev.pgwarden.engine;

import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.connection.TargetConfigException;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * Runs pgwarden checks as tests. It answers only selectors meant for it: a unique id under
 * {@code [engine:pgwarden]} (one check can be rerun by its id) or the classpath resource {@code rules}
 * (or {@code rules/<id>.drl}), so it never runs by accident beside other engines.
 */
public final class PgwardenTestEngine implements TestEngine {

    public static final String ENGINE_ID = "pgwarden";
    static final String DEFAULT_TARGET = "default";

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.pgwarden");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("pgwarden");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "pgwarden");
        DiscoveredSelection selection = DiscoveredSelection.from(request, uniqueId);
        if (selection.isEmpty()) {
            return engine;
        }
        RunPlan plan = plan(request);
        TargetDescriptor target = new TargetDescriptor(uniqueId, DEFAULT_TARGET, plan);
        for (SelectedCheck check : plan.checks()) {
            if (selection.includes(DEFAULT_TARGET, check.id())) {
                target.addChild(new CheckDescriptor(target.getUniqueId(), check));
            }
        }
        if (!target.getChildren().isEmpty()) {
            engine.addChild(target);
        }
        return engine;
    }

    private static RunPlan plan(EngineDiscoveryRequest request) {
        RunPlan handedOver = PlansHandedOver.get(request.getConfigurationParameters().get(PlansHandedOver.KEY).orElse(null));
        if (handedOver != null) {
            return handedOver;
        }
        try {
            return new RunPlanner(System.getenv()).plan(key -> request.getConfigurationParameters().get(key).orElse(null));
        } catch (RuleLoadException | TargetConfigException e) {
            throw new PgwardenConfigurationException(e.getMessage(), e);
        }
    }

    @Override
    public void execute(ExecutionRequest request) {
        new PgwardenExecutor(request.getEngineExecutionListener()).execute(request.getRootTestDescriptor());
    }

    /** What the selectors ask for: everything, or particular targets and checks. */
    private record DiscoveredSelection(boolean all, List<UniqueId> ids, List<String> drlChecks) {

        static DiscoveredSelection from(EngineDiscoveryRequest request, UniqueId engineId) {
            List<UniqueId> ids = request.getSelectorsByType(UniqueIdSelector.class).stream()
                    .map(UniqueIdSelector::getUniqueId)
                    .filter(id -> id.hasPrefix(engineId))
                    .toList();
            List<String> resources = request.getSelectorsByType(ClasspathResourceSelector.class).stream()
                    .map(s -> s.getClasspathResourceName().replaceFirst("^/", "").replaceFirst("/$", ""))
                    .filter(name -> name.equals("rules") || (name.startsWith("rules/") && name.endsWith(".drl")))
                    .toList();
            boolean all = ids.contains(engineId) || resources.contains("rules");
            List<String> drlChecks = resources.stream().filter(n -> !n.equals("rules"))
                    .map(n -> n.substring("rules/".length(), n.length() - ".drl".length())).toList();
            return new DiscoveredSelection(all, ids, drlChecks);
        }

        boolean isEmpty() {
            return !all && ids.isEmpty() && drlChecks.isEmpty();
        }

        boolean includes(String target, String checkId) {
            if (all || drlChecks.contains(checkId)) {
                return true;
            }
            return ids.stream().anyMatch(id -> matches(id, target, checkId));
        }

        private static boolean matches(UniqueId id, String target, String checkId) {
            var segments = id.getSegments();
            if (segments.size() < 2) {
                return true;
            }
            boolean targetMatches = segments.get(1).getType().equals(TargetDescriptor.SEGMENT) && segments.get(1).getValue().equals(target);
            if (segments.size() == 2) {
                return targetMatches;
            }
            return targetMatches && segments.get(2).getType().equals(CheckDescriptor.SEGMENT) && segments.get(2).getValue().equals(checkId);
        }
    }
}
