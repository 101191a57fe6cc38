package dev.pgwarden.engine;

import dev.pgwarden.facts.UpgradeTarget;
import dev.pgwarden.facts.settings.BuiltInSettings;
import dev.pgwarden.facts.settings.SettingChanges;
import dev.pgwarden.results.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code setting_changes} facts: what the upgrade to {@code --target-version} changes in the settings
 * PostgreSQL builds in, from the table of built-in settings. Skipped, as the upgrade target is, without one.
 */
final class SettingChangesFacts implements FactSource {

    static final String KIND = "setting_changes";
    private final UpgradeTargetFacts upgrade;
    private final BuiltInSettings table;

    SettingChangesFacts(UpgradeTargetFacts upgrade, BuiltInSettings table) {
        this.upgrade = upgrade;
        this.table = table;
    }

    @Override
    public boolean given() {
        return upgrade.given();
    }

    @Override
    public Optional<Outcome> addTo(List<Object> facts) {
        List<Object> planned = new ArrayList<>();
        Optional<Outcome> cannotRun = upgrade.addTo(planned);
        if (cannotRun.isPresent()) {
            return cannotRun;
        }
        UpgradeTarget target = (UpgradeTarget) planned.get(0);
        for (int major : new int[] {target.currentMajor(), target.targetMajor()}) {
            if (!table.covers(major)) {
                return Optional.of(Outcome.skipped("the built-in settings of PostgreSQL " + major + " are not known to this "
                        + "pgwarden (it knows " + table.majors() + ")"));
            }
        }
        facts.addAll(new SettingChanges(table).between(target.currentMajor(), target.targetMajor()));
        return Optional.empty();
    }
}
