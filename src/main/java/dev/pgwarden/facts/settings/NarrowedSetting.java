package dev.pgwarden.facts.settings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A setting whose accepted values the target major narrowed: an enum value it no longer lists, or a bound of
 * the range that moved inwards. {@link #accepts} says whether a value set today is still accepted.
 *
 * @param accepted the target's values (enum) or range ({@code 64kB to 2147483647kB}), for a reader
 */
public record NarrowedSetting(String name, int targetMajor, String accepted, BuiltInSetting current, BuiltInSetting target) {

    /**
     * Whether the target accepts a value as set today. A value is judged only when the running major lists it or
     * reads it as a number: aliases the running major hides (wal_level's hot_standby) are taken as accepted.
     */
    public boolean accepts(String value) {
        if (value == null) {
            return true;
        }
        if (target.vartype().equals("enum")) {
            String lower = value.toLowerCase(Locale.ROOT);
            return !current.values().contains(lower) || target.values().contains(lower);
        }
        Optional<BigDecimal> base = SettingUnit.base(current, value);
        return base.isEmpty() || within(base.get());
    }

    private boolean within(BigDecimal base) {
        Optional<BigDecimal> min = SettingUnit.base(target, target.min());
        Optional<BigDecimal> max = SettingUnit.base(target, target.max());
        return min.map(m -> base.compareTo(m) >= 0).orElse(true) && max.map(m -> base.compareTo(m) <= 0).orElse(true);
    }

    static String describe(BuiltInSetting target) {
        if (target.vartype().equals("enum")) {
            return String.join(", ", target.values());
        }
        return SettingUnit.shown(target, target.min()) + " to " + SettingUnit.shown(target, target.max());
    }

    /** Whether {@code target} accepts fewer values than {@code current}, of the same type. */
    static boolean narrower(BuiltInSetting current, BuiltInSetting target) {
        if (!current.vartype().equals(target.vartype())) {
            return false;
        }
        if (current.vartype().equals("enum")) {
            return !target.values().containsAll(current.values());
        }
        if (!current.numeric()) {
            return false;
        }
        return compare(target, target.min(), current, current.min()) > 0 || compare(target, target.max(), current, current.max()) < 0;
    }

    private static int compare(BuiltInSetting a, String aValue, BuiltInSetting b, String bValue) {
        Optional<BigDecimal> x = SettingUnit.base(a, aValue);
        Optional<BigDecimal> y = SettingUnit.base(b, bValue);
        return x.isPresent() && y.isPresent() ? x.get().compareTo(y.get()) : 0;
    }
}
