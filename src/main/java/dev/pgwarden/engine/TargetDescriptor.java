package dev.pgwarden.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One database target: a container whose children are the checks run against it. */
final class TargetDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "target";
    private final RunPlan plan;

    TargetDescriptor(UniqueId parentId, String name, RunPlan plan) {
        super(parentId.append(SEGMENT, name), plan.target().describe());
        this.plan = plan;
    }

    RunPlan plan() {
        return plan;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return "pgwarden " + plan.target().describe();
    }
}
