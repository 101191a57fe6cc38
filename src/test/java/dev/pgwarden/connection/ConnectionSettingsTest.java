package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionSettingsTest {

    private static final String PASSWORD = "Sup3r-S3cret";

    private final ConnectionSettings settings = new ConnectionSettings(
            "jdbc:postgresql://db.example:5432/app", "alice", PASSWORD,
            Map.of("sslmode", "require", "sslpassword", "key-" + PASSWORD));

    @Test
    void describeNamesUserHostPortAndDatabaseButNoPassword() {
        assertThat(settings.describe()).isEqualTo("postgresql://alice@db.example:5432/app");
    }

    @Test
    void toStringMasksPasswordAndPasswordLikeProperties() {
        assertThat(settings.toString())
                .doesNotContain(PASSWORD)
                .contains("password=****", "sslpassword=****", "sslmode=require", "user=alice");
    }

    @Test
    void toStringSaysWhenThereIsNoPassword() {
        ConnectionSettings none = new ConnectionSettings("jdbc:postgresql://h:5432/d", "u", null, Map.of());
        assertThat(none.toString()).contains("password=none");
    }

    @Test
    void jdbcPropertiesCarryUserPasswordAndProperties() {
        Properties properties = settings.jdbcProperties();
        assertThat(properties.getProperty("user")).isEqualTo("alice");
        assertThat(properties.getProperty("password")).isEqualTo(PASSWORD);
        assertThat(properties.getProperty("sslmode")).isEqualTo("require");
    }

    @Test
    void jdbcPropertiesOmitAMissingPassword() {
        ConnectionSettings none = new ConnectionSettings("jdbc:postgresql://h:5432/d", "u", null, Map.of());
        assertThat(none.jdbcProperties()).doesNotContainKey("password");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "jdbc:postgresql://localhost:41409/postgres?user=postgres, postgresql://bob@localhost:41409/postgres",
        "jdbc:postgresql://[::1]:5433/app,                         postgresql://bob@[::1]:5433/app",
        "jdbc:postgresql:app,                                      postgresql://bob@localhost:5432/app",
    })
    void describeHandlesUrlsBuiltElsewhere(String url, String expected) {
        assertThat(new ConnectionSettings(url, "bob", null, Map.of()).describe()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://h/d?password=x,   jdbcUrl must not carry a password",
        "jdbc:postgresql://h/d?sslpassword=x, jdbcUrl must not carry a password",
        "mysql://h/d,                        jdbcUrl must start with jdbc:postgresql:",
    })
    void rejectsUrlsThatAreNotSafePgjdbcUrls(String url, String message) {
        assertThatThrownBy(() -> new ConnectionSettings(url, "u", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsPasswordInProperties() {
        assertThatThrownBy(() -> new ConnectionSettings("jdbc:postgresql://h/d", "u", null, Map.of("password", PASSWORD)))
                .hasMessageContaining("properties must not contain 'password'")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void rejectsBlankUser() {
        assertThatThrownBy(() -> new ConnectionSettings("jdbc:postgresql://h/d", " ", null, Map.of()))
                .hasMessage("user must not be blank");
    }
}
