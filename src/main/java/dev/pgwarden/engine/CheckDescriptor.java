package dev.pgwarden.engine;

import dev.pgwarden.rules.SelectedCheck;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;

/** One check against one target: a test that passes, fails, is skipped (aborted) or errors. */
final class CheckDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "check";
    private final SelectedCheck check;

    CheckDescriptor(UniqueId parentId, SelectedCheck check) {
        super(parentId.append(SEGMENT, check.id()), check.id() + ": " + check.metadata().title(),
                ClasspathResourceSource.from("rules/" + check.id() + ".drl"));
        this.check = check;
    }

    SelectedCheck check() {
        return check;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public String getLegacyReportingName() {
        return check.id();
    }
}
