package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionOptionsTest {

    @Test
    void defaultsAreTenFiveAndTenSeconds() {
        assertThat(SessionOptions.defaults()).isEqualTo(
                new SessionOptions(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "999, 1", "1000, 1", "1001, 2", "10000, 10"})
    void connectTimeoutIsRoundedUpToWholeSeconds(long millis, int seconds) {
        SessionOptions options = new SessionOptions(Duration.ZERO, Duration.ZERO, Duration.ofMillis(millis));
        assertThat(options.connectTimeoutSeconds()).isEqualTo(seconds);
    }

    @Test
    void zeroConnectTimeoutIsRefusedBecauseItWouldWaitForever() {
        assertThatThrownBy(() -> new SessionOptions(Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageStartingWith("connectTimeout must be positive");
    }

    @Test
    void negativeAndMissingTimeoutsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new SessionOptions(Duration.ofSeconds(-1), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageStartingWith("statementTimeout must not be negative");
        assertThatThrownBy(() -> new SessionOptions(Duration.ZERO, null, Duration.ofSeconds(1)))
                .hasMessage("lockTimeout must not be null");
        assertThatThrownBy(() -> new SessionOptions(Duration.ofDays(30), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageStartingWith("statementTimeout must be at most");
    }
}
