package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mysql://bob:hunter22@host/db                    | mysql://bob:****@host/db",
        "postgresql://bob:p@ss/w:rd@host:5432/db         | postgresql://bob:****@host:5432/db",
        "postgresql://bob:with space@host/db             | postgresql://bob:****@host/db",
        "jdbc:postgresql://h/db?user=u&password=hunter22 | jdbc:postgresql://h/db?user=u&password=****",
        "jdbc:postgresql://h/db?PASSWORD=hunter22&x=1    | jdbc:postgresql://h/db?PASSWORD=****&x=1",
        "jdbc:postgresql://h/db?sslpassword=hunter22     | jdbc:postgresql://h/db?sslpassword=****",
        "postgresql://h:5432/db                          | postgresql://h:5432/db",
        "postgresql://bob@h/db                           | postgresql://bob@h/db",
    })
    void maskUrlHidesPasswordsInUserInfoAndQuery(String url, String expected) {
        assertThat(Messages.maskUrl(url)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "'FATAL: no\nDetail: more', FATAL: no",
        "'  padded  ',              padded",
    })
    void oneLineKeepsTheFirstLine(String text, String expected) {
        assertThat(Messages.oneLine(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "login as hunter22 failed, hunter22, login as **** failed",
        "connection refused,       e,        connection refused",
    })
    void scrubRemovesKnownPasswordsButNotSingleLetters(String text, String password, String expected) {
        assertThat(Messages.scrub(text, password)).isEqualTo(expected);
    }
}
