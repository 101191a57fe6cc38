package dev.pgwarden.engine;

import dev.pgwarden.facts.UpgradeTarget;
import dev.pgwarden.results.Outcome;
import java.util.List;
import java.util.Optional;

/** The {@code upgrade_target} fact from {@code --target-version}; checks that need it skip without it. */
final class UpgradeTargetFacts implements FactSource {

    static final String KIND = "upgrade_target";
    private final Integer targetMajor;
    private final int currentMajor;

    UpgradeTargetFacts(Integer targetMajor, int currentMajor) {
        this.targetMajor = targetMajor;
        this.currentMajor = currentMajor;
    }

    @Override
    public boolean given() {
        return targetMajor != null;
    }

    @Override
    public Optional<Outcome> addTo(List<Object> facts) {
        if (!given()) {
            return Optional.of(Outcome.skipped("no target version given: pass --target-version N (the major you upgrade to)"));
        }
        if (targetMajor <= currentMajor) {
            return Optional.of(Outcome.skipped("the server already runs PostgreSQL " + currentMajor
                    + "; --target-version " + targetMajor + " is no upgrade"));
        }
        facts.add(new UpgradeTarget(currentMajor, targetMajor));
        return Optional.empty();
    }
}
