package dev.pgwarden.facts.settings;

import java.util.List;
import java.util.Objects;

/**
 * One setting as one major builds it in: pg_settings of a fresh server, without the configuration's values.
 *
 * @param context      pg_settings.context ({@code user}, {@code sighup}, {@code postmaster}, ...)
 * @param vartype      {@code bool}, {@code integer}, {@code real}, {@code string} or {@code enum}
 * @param unit         pg_settings.unit ({@code kB}, {@code 8kB}, {@code ms}, ...); empty when unitless
 * @param defaultValue boot_val, in {@code unit} (empty for a string without default)
 * @param min          min_val in {@code unit}; empty unless integer or real
 * @param max          max_val in {@code unit}; empty unless integer or real
 * @param values       the enum's values as pg_settings lists them (aliases it hides are not among them)
 */
public record BuiltInSetting(String name, int major, String context, String vartype, String unit, String defaultValue,
        String min, String max, List<String> values) {

    public BuiltInSetting {
        Objects.requireNonNull(name, "setting name must not be null");
        values = List.copyOf(values);
    }

    /** The default in base units (bytes, milliseconds) for numbers, lower case for enums, as written otherwise. */
    String normalizedDefault() {
        return SettingUnit.normalized(this, defaultValue);
    }

    /** The default as SHOW writes it, with the largest unit that keeps it whole ({@code 4MB}, {@code 5min}). */
    String shownDefault() {
        return SettingUnit.shown(this, defaultValue);
    }

    boolean numeric() {
        return vartype.equals("integer") || vartype.equals("real");
    }
}
