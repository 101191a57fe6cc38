package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each kind of parameter value reaches the rules, and which values are refused before anything runs. */
class ParameterTypeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "INTEGER, 1000, 1000",
            "INTEGER, 1_500_000_000, 1500000000",
            "INTEGER, ' 42 ', 42",
            "NUMBER, 2.5, 2.5",
            "NUMBER, 0, 0.0",
            "FRACTION, 0.8, 0.8",
            "FRACTION, 1, 1.0",
            "FRACTION, 0, 0.0",
            "DURATION, 250ms, 250000",
            "SIZE, 1GB, 1073741824",
            "BOOLEAN, true, 1",
            "BOOLEAN, FALSE, 0",
    })
    void valuesConvertToWhatRulesCompare(ParameterType type, String text, String expected) {
        assertThat(type.convert(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            INTEGER  | lots     | expected a whole number, got 'lots'
            INTEGER  | 1.5      | expected a whole number, got '1.5'
            INTEGER  | -5       | must not be negative
            INTEGER  | ''       | expected a whole number
            NUMBER   | -0.1     | must not be negative
            BOOLEAN  | yes      | expected true or false, got 'yes'
            NUMBER   | two      | expected a number, got 'two'
            NUMBER   | NaN      | expected a number, got 'NaN'
            NUMBER   | Infinity | expected a number, got 'Infinity'
            FRACTION | 1.5      | expected a fraction from 0 to 1, got 1.5
            FRACTION | -0.1     | expected a fraction from 0 to 1
            FRACTION | NaN      | expected a fraction from 0 to 1, got 'NaN'
            DURATION | 10w      | unknown unit 'w'
            DURATION | -1s      | must not be negative
            SIZE     | 1XB      | unknown unit 'XB'
            SIZE     | -1GB     | must not be negative
            """)
    void badValuesAreRefusedSayingWhatIsExpected(ParameterType type, String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> type.convert(text)).withMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"integer, INTEGER", "Duration, DURATION", "' size ', SIZE"})
    void typeNamesAreReadInAnyCase(String text, ParameterType type) {
        assertThat(ParameterType.parse(text)).isEqualTo(type);
    }
}
