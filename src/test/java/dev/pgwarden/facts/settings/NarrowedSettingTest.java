package dev.pgwarden.facts.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values a target major no longer accepts. No setting narrowed its values from 13 to 18 (the table shows ranges
 * that widened and enum values that were only added), so these are constructed settings.
 */
class NarrowedSettingTest {

    private static BuiltInSetting integer(int major, String unit, String min, String max) {
        return new BuiltInSetting("s", major, "user", "integer", unit, "1", min, max, List.of());
    }

    private static BuiltInSetting enumOf(int major, String... values) {
        return new BuiltInSetting("e", major, "user", "enum", "", values[0], "", "", List.of(values));
    }

    @Test
    void anEnumValueTheTargetDroppedIsRefusedAndOneItHidesAsAnAliasIsNotJudged() {
        BuiltInSetting now = enumOf(13, "md5", "scram-sha-256", "plain");
        BuiltInSetting then = enumOf(14, "md5", "scram-sha-256");
        NarrowedSetting narrowed = new NarrowedSetting("e", 14, NarrowedSetting.describe(then), now, then);

        assertThat(NarrowedSetting.narrower(now, then)).isTrue();
        assertThat(narrowed.accepts("PLAIN")).isFalse();
        assertThat(narrowed.accepts("md5")).isTrue();
        assertThat(narrowed.accepts("on")).isTrue();
        assertThat(narrowed.accepted()).isEqualTo("md5, scram-sha-256");
    }

    @Test
    void aRangeThatMovedInwardsRefusesValuesOutsideItInTheUnitTheyAreWrittenIn() {
        BuiltInSetting now = integer(16, "kB", "64", "2147483647");
        BuiltInSetting then = integer(17, "8kB", "128", "262144");
        NarrowedSetting narrowed = new NarrowedSetting("s", 17, NarrowedSetting.describe(then), now, then);

        assertThat(NarrowedSetting.narrower(now, then)).isTrue();
        assertThat(narrowed.accepts("512kB")).isFalse();
        assertThat(narrowed.accepts("1024")).isTrue();
        assertThat(narrowed.accepts("4GB")).isFalse();
        assertThat(narrowed.accepted()).isEqualTo("1MB to 2GB");
    }

    @Test
    void aRangeThatWidenedIsNotNarrower() {
        assertThat(NarrowedSetting.narrower(integer(16, "kB", "1024", "100"), integer(17, "kB", "64", "200"))).isFalse();
    }
}
