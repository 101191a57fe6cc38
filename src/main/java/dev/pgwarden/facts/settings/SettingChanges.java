package dev.pgwarden.facts.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an upgrade from one major to another changes in the settings PostgreSQL builds in, read off the table
 * of built-in settings: defaults that moved, settings gone (with what replaced them), values no longer accepted.
 */
public final class SettingChanges {

    private final BuiltInSettings table;

    public SettingChanges(BuiltInSettings table) {
        this.table = table;
    }

    /**
     * The facts of an upgrade from {@code current} to {@code target}: {@link ChangedDefault}, {@link GoneSetting}
     * and {@link NarrowedSetting}.
     *
     * @throws IllegalArgumentException when the table does not cover both majors
     */
    public List<Object> between(int current, int target) {
        for (int major : new int[] {current, target}) {
            if (!table.covers(major)) {
                throw new IllegalArgumentException("the table of built-in settings covers PostgreSQL " + table.majors()
                        + ", not " + major);
            }
        }
        List<Object> facts = new ArrayList<>();
        for (Map.Entry<String, BuiltInSetting> entry : table.of(current).entrySet()) {
            BuiltInSetting now = entry.getValue();
            Optional<Integer> gone = firstMajorWithout(now.name(), current, target);
            if (gone.isPresent()) {
                facts.add(gone(now.name(), current, target, gone.get()));
                continue;
            }
            BuiltInSetting then = table.of(target).get(now.name());
            changedIn(now, current, target).ifPresent(major -> facts.add(changedDefault(now, then, major, target)));
            if (NarrowedSetting.narrower(now, then)) {
                facts.add(new NarrowedSetting(now.name(), target, NarrowedSetting.describe(then), now, then));
            }
        }
        return facts;
    }

    private Optional<Integer> firstMajorWithout(String name, int current, int target) {
        for (int major = current + 1; major <= target; major++) {
            if (table.of(name, major).isEmpty()) {
                return Optional.of(major);
            }
        }
        return Optional.empty();
    }

    /** The first major on the way whose default differs from today's; empty when the target's is today's. */
    private Optional<Integer> changedIn(BuiltInSetting now, int current, int target) {
        // A setting whose type changed (log_connections: boolean to a list in 18) has defaults that do not compare.
        if (!now.vartype().equals(table.of(now.name(), target).orElseThrow().vartype())) {
            return Optional.empty();
        }
        if (now.normalizedDefault().equals(table.of(now.name(), target).orElseThrow().normalizedDefault())) {
            return Optional.empty();
        }
        for (int major = current + 1; major <= target; major++) {
            if (!now.normalizedDefault().equals(table.of(now.name(), major).orElseThrow().normalizedDefault())) {
                return Optional.of(major);
            }
        }
        return Optional.empty();
    }

    private static GoneSetting gone(String name, int current, int target, int goneIn) {
        Successor successor = Successor.of(name, goneIn).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL " + goneIn + " no longer lists " + name + ", and Successor names nothing for it"));
        return new GoneSetting(name, current, target, goneIn, successor.newName(), successor.accepted(), successor.instead());
    }

    private static ChangedDefault changedDefault(BuiltInSetting now, BuiltInSetting then, int changedIn, int target) {
        boolean restart = now.context().equals("postmaster");
        String note = restart ? " -- then restart the server" : " SELECT pg_reload_conf();";
        // The sentences ServerSetting's takes_effect uses, which the managed services' wording rewrites.
        String takesEffect = restart ? "needs a restart of the server (context postmaster): book a change window"
                : "takes effect on reload (SELECT pg_reload_conf()), without a restart";
        String pin = "ALTER SYSTEM SET " + now.name() + " = '" + now.shownDefault().replace("'", "''") + "';" + note;
        String unpin = "ALTER SYSTEM RESET " + now.name() + ";" + note;
        return new ChangedDefault(now.name(), now.major(), target, changedIn, now.shownDefault(), then.shownDefault(),
                now.context(), pin, unpin, takesEffect);
    }
}
