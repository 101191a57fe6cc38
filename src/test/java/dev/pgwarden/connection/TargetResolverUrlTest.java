package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --url as a pgjdbc URL or a libpq URI, with nothing in the environment. */
class TargetResolverUrlTest {

    @TempDir
    Path home;

    private ConnectionSettings resolve(String url) throws TargetConfigException {
        // No socket directory, so that a server running on this machine does not change the default host.
        return new TargetResolver(Map.of(), home, "osuser", List.of()).resolve(url);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // url                                                               | jdbcUrl                                     | user   | password
        "jdbc:postgresql://db.example:6543/app?user=alice&password=pw%26x   | jdbc:postgresql://db.example:6543/app       | alice  | pw&x",
        "jdbc:postgresql://db.example/app?user=alice                         | jdbc:postgresql://db.example:5432/app       | alice  | -",
        "jdbc:postgresql://db.example:5432/                                  | jdbc:postgresql://db.example:5432/osuser    | osuser | -",
        "jdbc:postgresql:///app                                              | jdbc:postgresql://localhost:5432/app        | osuser | -",
        "jdbc:postgresql:app                                                 | jdbc:postgresql://localhost:5432/app        | osuser | -",
        "jdbc:postgresql://[::1]:5433/app?password=a+b                       | jdbc:postgresql://[::1]:5433/app            | osuser | a b",
        "JDBC:PostgreSQL://h/app                                             | jdbc:postgresql://h:5432/app                | osuser | -",
        "jdbc:postgresql://h/my%20db                                         | jdbc:postgresql://h:5432/my%20db            | osuser | -",
    })
    void jdbcUrls(String url, String jdbcUrl, String user, String password) throws Exception {
        assertResolves(url, jdbcUrl, user, password);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // url                                                         | jdbcUrl                                    | user       | password
        "postgresql://alice:s3cret@db.example:6543/app                 | jdbc:postgresql://db.example:6543/app      | alice      | s3cret",
        "postgres://alice@db.example/app                               | jdbc:postgresql://db.example:5432/app      | alice      | -",
        "postgresql://al%40ice:p%40ss%3Aw%2Frd+x@db.example/app        | jdbc:postgresql://db.example:5432/app      | al@ice     | p@ss:w/rd+x",
        "postgresql://alice:p@ss@db.example/app                        | jdbc:postgresql://db.example:5432/app      | alice      | p@ss",
        "postgresql://alice:@db.example/app                            | jdbc:postgresql://db.example:5432/app      | alice      | -",
        "postgresql://                                                 | jdbc:postgresql://localhost:5432/osuser    | osuser     | -",
        "postgresql:///app                                             | jdbc:postgresql://localhost:5432/app       | osuser     | -",
        "postgresql://db.example                                       | jdbc:postgresql://db.example:5432/osuser   | osuser     | -",
        "postgresql://:6000/app                                        | jdbc:postgresql://localhost:6000/app       | osuser     | -",
        "postgresql://[::1]/app                                        | jdbc:postgresql://[::1]:5432/app           | osuser     | -",
        "postgresql://bob@[2001:db8::7]:5433/app                       | jdbc:postgresql://[2001:db8::7]:5433/app   | bob        | -",
        "postgresql://h/app?user=carol&password=pw&port=6000&dbname=x  | jdbc:postgresql://h:6000/x                 | carol      | pw",
        "postgresql:///app?host=db.example                             | jdbc:postgresql://db.example:5432/app      | osuser     | -",
        "postgresql://h/caf%C3%A9                                      | jdbc:postgresql://h:5432/caf%C3%A9         | osuser     | -",
    })
    void libpqUris(String url, String jdbcUrl, String user, String password) throws Exception {
        assertResolves(url, jdbcUrl, user, password);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // url                                               | socket file                          | as reports name it
        "postgresql:///app?host=/var/run/postgresql           | /var/run/postgresql/.s.PGSQL.5432    | postgresql://osuser@/app?host=/var/run/postgresql",
        "postgresql://%2Fvar%2Frun%2Fpostgresql/app           | /var/run/postgresql/.s.PGSQL.5432    | postgresql://osuser@/app?host=/var/run/postgresql",
        "postgresql://alice@%2Ftmp:5433/app                   | /tmp/.s.PGSQL.5433                   | postgresql://alice@/app?host=/tmp&port=5433",
        "postgresql:///postgres?host=/srv/pg%20sock&port=6000 | /srv/pg sock/.s.PGSQL.6000           | postgresql://osuser@/postgres?host=/srv/pg sock&port=6000",
        "postgresql://db.example/app?host=/tmp&sslmode=require | /tmp/.s.PGSQL.5432                  | postgresql://osuser@/app?host=/tmp",
    })
    void socketDirectoriesConnectThroughTheSocketFile(String url, String socketFile, String described) throws Exception {
        ConnectionSettings settings = resolve(url);
        assertThat(settings.properties()).containsEntry("socketFactoryArg", socketFile).containsEntry("sslmode", "disable")
                .containsEntry("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
        assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://localhost:");
        assertThat(settings.describe()).isEqualTo(described);
    }

    @Test
    void keywordValueStringsAsLibpqReadsThem() throws Exception {
        assertResolves("host=db.example port=6543 dbname=app user=alice password='p w\\'x'", "jdbc:postgresql://db.example:6543/app",
                "alice", "p w'x");
        assertResolves("  host = db.example\tdbname=my\\ db  ", "jdbc:postgresql://db.example:5432/my%20db", "osuser", null);
        assertResolves("dbname=''", "jdbc:postgresql://localhost:5432/osuser", "osuser", null);
        assertThat(resolve("host=/var/run/postgresql dbname=app sslmode=require").describe())
                .isEqualTo("postgresql://osuser@/app?host=/var/run/postgresql");
    }

    private void assertResolves(String url, String jdbcUrl, String user, String password) throws Exception {
        ConnectionSettings settings = resolve(url);
        assertThat(settings.jdbcUrl()).isEqualTo(jdbcUrl);
        assertThat(settings.user()).isEqualTo(user);
        assertThat(settings.password()).isEqualTo(password);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h/d?sslmode=verify-full&sslrootcert=/ca.pem&connectTimeout=3 | {sslmode=verify-full, sslrootcert=/ca.pem, connectTimeout=3}",
        "jdbc:postgresql://h/d?tcpKeepAlive=true&user=u&password=p                      | {tcpKeepAlive=true}",
        "postgresql://h/d?sslmode=require&sslcert=/c.crt&sslkey=/c.pk8&connect_timeout=4 | {sslmode=require, sslcert=/c.crt, sslkey=/c.pk8, connectTimeout=4}",
        "postgresql://h/d?connect_timeout=0                                              | {}",
        "jdbc:postgresql://h/d?loginTimeout=0&connectTimeout=-1                          | {}",
        "postgresql://h/d?options=-c%20work_mem%3D4MB                                     | {options=-c work_mem=4MB}",
    })
    void queryParametersBecomeDriverProperties(String url, String properties) throws Exception {
        assertThat(resolve(url).properties()).containsExactlyInAnyOrderEntriesOf(parse(properties));
    }

    private static Map<String, String> parse(String text) {
        String body = text.substring(1, text.length() - 1).strip();
        Map<String, String> map = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split(",\\s*")) {
                String[] kv = pair.split("=", 2);
                map.put(kv[0], kv[1]);
            }
        }
        return map;
    }
}
