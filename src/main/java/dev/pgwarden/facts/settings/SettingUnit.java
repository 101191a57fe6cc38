package dev.pgwarden.facts.settings;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of settings compared across majors: memory in bytes and time in milliseconds, whatever unit a major
 * counts the setting in (pg_settings.unit: {@code 8kB}, {@code MB}, {@code s}, ...), and written back as SHOW
 * writes them. Units and their names are PostgreSQL's (guc.c's memory and time unit tables).
 */
final class SettingUnit {

    // Largest first, so that a value is shown in the largest unit that keeps it whole.
    private static final Map<String, BigDecimal> MEMORY = units("TB", 1L << 40, "GB", 1L << 30, "MB", 1L << 20, "kB", 1L << 10, "B", 1);
    private static final Map<String, BigDecimal> TIME = units("d", 86_400_000, "h", 3_600_000, "min", 60_000, "s", 1000, "ms", 1);
    private static final BigDecimal MICROSECOND = new BigDecimal("0.001");
    private static final Pattern QUANTITY = Pattern.compile("\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z]*)\\s*");

    private SettingUnit() {
    }

    /**
     * The value as it compares across majors: a number in bytes or milliseconds (a bare number counts in the
     * setting's unit, as PostgreSQL reads it), a boolean as on or off, an enum in lower case, a string as written.
     * A number that does not parse is returned as written.
     */
    static String normalized(BuiltInSetting setting, String value) {
        return switch (setting.vartype()) {
            case "integer", "real" -> base(setting, value).map(SettingUnit::plain).orElse(value);
            case "bool" -> bool(value);
            case "enum" -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    /** The value in bytes or milliseconds (or as a bare number for a unitless setting); empty when it does not parse. */
    static Optional<BigDecimal> base(BuiltInSetting setting, String value) {
        Matcher m = QUANTITY.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String written = m.group(2);
        if (!written.isEmpty()) {
            BigDecimal factor = written.equals("us") ? MICROSECOND : MEMORY.getOrDefault(written, TIME.get(written));
            return factor == null ? Optional.empty() : Optional.of(number.multiply(factor));
        }
        return Optional.of(number.multiply(factor(setting.unit())));
    }

    /** The value as SHOW writes it: in the largest unit that keeps it whole ({@code 4MB}, {@code 5min}); -1 and 0 bare. */
    static String shown(BuiltInSetting setting, String value) {
        if (!setting.numeric() || setting.unit().isEmpty()) {
            return value;
        }
        Optional<BigDecimal> base = base(setting, value);
        if (base.isEmpty() || base.get().signum() <= 0) {
            return value;
        }
        Map<String, BigDecimal> units = MEMORY.containsKey(unitName(setting.unit())) ? MEMORY : TIME;
        for (Map.Entry<String, BigDecimal> unit : units.entrySet()) {
            BigDecimal[] division = base.get().divideAndRemainder(unit.getValue());
            if (division[1].signum() == 0 && division[0].signum() > 0) {
                return plain(division[0]) + unit.getKey();
            }
        }
        return plain(base.get()) + (units == MEMORY ? "B" : "ms");
    }

    /** What one unit of the setting is in bytes or milliseconds: {@code 8kB} is 8192. */
    private static BigDecimal factor(String unit) {
        if (unit.isEmpty()) {
            return BigDecimal.ONE;
        }
        Matcher m = QUANTITY.matcher(unit.matches("[0-9].*") ? unit : "1" + unit);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown unit " + unit);
        }
        BigDecimal per = MEMORY.getOrDefault(m.group(2), TIME.get(m.group(2)));
        if (per == null) {
            throw new IllegalArgumentException("unknown unit " + unit);
        }
        return new BigDecimal(m.group(1)).multiply(per);
    }

    private static String unitName(String unit) {
        return unit.replaceFirst("^[0-9]+", "");
    }

    private static String bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1", "t", "y" -> "on";
            case "off", "false", "no", "0", "f", "n" -> "off";
            default -> value;
        };
    }

    private static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static Map<String, BigDecimal> units(Object... pairs) {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            units.put((String) pairs[i], BigDecimal.valueOf(((Number) pairs[i + 1]).longValue()));
        }
        return units;
    }
}
