package dev.pgwarden.facts.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of settings in the units pg_settings gives them, compared and shown as PostgreSQL writes them. */
class SettingUnitTest {

    private static BuiltInSetting setting(String vartype, String unit) {
        return new BuiltInSetting("s", 17, "user", vartype, unit, "", "", "", List.of());
    }

    @ParameterizedTest(name = "{2} {1} is {3} in base units, shown {4}")
    @CsvSource({
        "integer, 8kB, 16384, 134217728, 128MB",
        "integer, kB, 4096, 4194304, 4MB",
        "integer, MB, 1024, 1073741824, 1GB",
        "integer, s, 300, 300000, 5min",
        "integer, ms, 600000, 600000, 10min",
        "integer, ms, -1, -1, -1",
        "integer, kB, 64MB, 67108864, 64MB",
        "real, ms, 2, 2, 2ms",
        "real, , 0.9, 0.9, 0.9",
        "integer, , 16, 16, 16",
    })
    void numbersCompareInBytesOrMillisecondsAndShowInTheLargestWholeUnit(String vartype, String unit, String value,
            String normalized, String shown) {
        BuiltInSetting setting = setting(vartype, unit == null ? "" : unit);

        assertThat(SettingUnit.normalized(setting, value)).isEqualTo(normalized);
        assertThat(SettingUnit.shown(setting, value)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({"bool, true, on", "bool, off, off", "enum, MD5, md5", "string, '%m [%p] ', '%m [%p] '"})
    void otherValuesCompareAsPostgresqlReadsThem(String vartype, String value, String normalized) {
        assertThat(SettingUnit.normalized(setting(vartype, ""), value)).isEqualTo(normalized);
    }
}
