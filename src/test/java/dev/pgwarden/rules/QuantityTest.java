package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations and sizes as parameters and timeouts spell them. */
class QuantityTest {

    @ParameterizedTest(name = "{0} = {1} us")
    @CsvSource({
            "500us, 500",
            "10ms, 10000",
            "30s, 30000000",
            "5min, 300000000",
            "1.5s, 1500000",
            "0s, 0",
            "' 2 min ', 120000000",
            "250MS, 250000",
            "12h, 43200000000",
            "7d, 604800000000",
    })
    void durationsBecomeMicroseconds(String text, long micros) {
        assertThat(Quantity.durationMicros(text)).isEqualTo(micros);
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "8kB, 8192",
            "100MB, 104857600",
            "1GB, 1073741824",
            "2TB, 2199023255552",
            "1.5GB, 1610612736",
            "0kB, 0",
            "1gb, 1073741824",
    })
    void sizesBecomeBytesInPowersOf1024(String text, long bytes) {
        assertThat(Quantity.sizeBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -1s      | must not be negative, got '-1s'
            -0.5min  | must not be negative
            10w      | unknown unit 'w': expected a duration such as 500us, 10ms, 30s, 5min, 12h or 7d
            10GB     | unknown unit 'GB'
            30       | unknown unit ''
            soon     | expected a duration such as 500us, 10ms, 30s, 5min, 12h or 7d, got 'soon'
            1s2ms    | expected a duration
            ''       | expected a duration
            """)
    void badDurationsAreRejectedSayingWhatIsExpected(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantity.durationMicros(text)).withMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -1GB               | must not be negative, got '-1GB'
            1XB                | unknown unit 'XB': expected a size such as 8kB, 100MB, 1GB or 2TB
            5s                 | unknown unit 's'
            huge               | expected a size
            99999999999999TB   | too large: '99999999999999TB'
            """)
    void badSizesAreRejectedSayingWhatIsExpected(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Quantity.sizeBytes(text)).withMessageContaining(message);
    }
}
