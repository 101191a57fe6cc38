package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad --url values: each message says what was expected and never shows the password. */
class TargetConfigErrorsTest {

    private static final String PASSWORD = "hunter22";

    @TempDir
    Path home;

    @Test
    void badKeywordValueStringsAreConfigErrorsThatNeverShowThePassword() {
        Map<String, String> expected = Map.of(
                "host=db password=hunter22 dbname", "missing '=' after 'dbname' in --url (a keyword/value connection string)",
                "host=db password='hunter22", "unterminated quoted string in --url (a keyword/value connection string)",
                "host=db password=hunter22 gssencmode=disable", "unsupported parameter 'gssencmode' in --url (a keyword/value connection string)",
                "password=hunter22 port=x", "port must be a number from 1 to 65535, got 'x' in --url (a keyword/value connection string)");
        expected.forEach(this::badUrlsAreConfigErrorsThatNeverShowThePassword);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mysql://root:hunter22@db/app                         | --url must be a JDBC URL (jdbc:postgresql://host:port/db), a URI (postgresql://user@host:port/db) or keyword=value settings (host=... dbname=...); got 'mysql://root:****@db/app'",
        "jdbc:mysql://db/app?user=root&password=hunter22      | got 'jdbc:mysql://db/app?user=root&password=****'",
        "db.example:5432/app                                  | --url must be a JDBC URL",
        "''                                                   | got ''",
        "postgresql://alice:hunter22@db:99999/app             | port must be a number from 1 to 65535, got '99999' in --url 'postgresql://alice:****@db:99999/app'",
        "postgresql://alice:hunter22@db:abc/app               | got 'abc'",
        "jdbc:postgresql://db:0/app?password=hunter22         | port must be a number from 1 to 65535, got '0'",
        "postgresql://alice:hunter22@::1/app                  | IPv6 hosts must be written in brackets",
        "postgresql://alice:hunter22@[::1/app                 | malformed IPv6 host",
        "postgresql://alice:hunter22@[::1]x/app               | malformed IPv6 host",
        "postgresql://alice:hunter22@a:5432,b:5432/app        | several hosts are not supported",
        "jdbc:postgresql://a:5432,b:5432/app?password=hunter22 | several hosts are not supported",
        "postgresql://alice:hunter22%zz@db/app                | invalid percent-encoding '%zz'",
        "postgresql://alice:hunter22@db/app?sslmode            | query parameter 'sslmode' has no '=value'",
        "postgresql://alice:hunter22@db/app?fallback_application_name=x | unsupported parameter 'fallback_application_name'",
        "postgresql://alice:hunter22@db/app?sslmode=on        | sslmode must be one of",
        "jdbc:postgresql://alice:hunter22@db/app              | a JDBC URL takes the user as ?user=name, not name@host",
        "jdbc:postgresql://db/app?password=hunter22%          | invalid percent-encoding in --url 'jdbc:postgresql://db/app?password=****'",
        "postgresql://alice:hunter22@/app?service=nowhere     | definition of service 'nowhere' (service= in the URL) not found; searched",
        "postgresql://alice:hunter22@/app?host=/a,/b          | several hosts are not supported",
    })
    void badUrlsAreConfigErrorsThatNeverShowThePassword(String url, String expected) {
        TargetConfigException e = catchThrowableOfType(TargetConfigException.class,
                () -> new TargetResolver(Map.of(), home, "osuser").resolve(url));
        assertThat(e).as("expected a TargetConfigException for %s", url).isNotNull();
        assertThat(e.getMessage()).contains(expected).doesNotContain(PASSWORD).doesNotContain("\n");
    }
}
