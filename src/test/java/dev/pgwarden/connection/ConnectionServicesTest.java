package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which service file is read, and how a service's settings layer between the URL and the PG* variables, as libpq
 * does it; without a database.
 */
class ConnectionServicesTest {

    @TempDir
    Path home;
    @TempDir
    Path etc;

    private ConnectionSettings resolve(Map<String, String> env, String url) throws TargetConfigException {
        Map<String, String> withSysconfdir = new HashMap<>(env);
        withSysconfdir.putIfAbsent("PGSYSCONFDIR", etc.toString());
        return new TargetResolver(withSysconfdir, home, "osuser", List.of()).resolve(url);
    }

    private Path write(Path file, String... lines) throws IOException {
        return Files.write(file, List.of(lines));
    }

    @Test
    void pgserviceAndServiceInTheUrlEachPickTheirSection() throws Exception {
        write(home.resolve(".pg_service.conf"), "[a]", "host=db-a", "dbname=app_a", "[b]", "host=db-b", "port=6000", "dbname=app_b");

        assertThat(resolve(Map.of("PGSERVICE", "a"), null).jdbcUrl()).isEqualTo("jdbc:postgresql://db-a:5432/app_a");
        assertThat(resolve(Map.of(), "postgresql:///?service=b").jdbcUrl()).isEqualTo("jdbc:postgresql://db-b:6000/app_b");
        assertThat(resolve(Map.of("PGSERVICE", "a"), "postgresql:///?service=b").jdbcUrl())
                .as("the URL's service, not PGSERVICE's").isEqualTo("jdbc:postgresql://db-b:6000/app_b");
        assertThat(resolve(Map.of(), "jdbc:postgresql:///?service=b").jdbcUrl()).isEqualTo("jdbc:postgresql://db-b:6000/app_b");
        assertThat(resolve(Map.of(), "service=b").jdbcUrl()).isEqualTo("jdbc:postgresql://db-b:6000/app_b");
        assertThat(resolve(Map.of(), "service=b dbname=other").jdbcUrl()).isEqualTo("jdbc:postgresql://db-b:6000/other");
    }

    @Test
    void theUrlWinsOverTheServiceAndTheServiceOverPgVariables() throws Exception {
        write(home.resolve(".pg_service.conf"), "[a]", "host=service-host", "dbname=service_db", "user=service_user",
                "password=service-pw", "sslmode=require");
        Map<String, String> env = Map.of("PGSERVICE", "a", "PGHOST", "env-host", "PGPORT", "7000", "PGUSER", "env_user",
                "PGPASSWORD", "env-pw", "PGSSLMODE", "verify-full");

        ConnectionSettings settings = resolve(env, "postgresql://url_user@/url_db");

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://service-host:7000/url_db");
        assertThat(settings.user()).isEqualTo("url_user");
        assertThat(settings.password()).isEqualTo("service-pw");
        assertThat(settings.properties()).containsEntry("sslmode", "require");
    }

    @Test
    void pgservicefileIsReadInsteadOfTheHomeDirectorysFile() throws Exception {
        write(home.resolve(".pg_service.conf"), "[a]", "host=from-home");
        Path file = write(etc.resolve("team.conf"), "[a]", "host=from-pgservicefile");

        assertThat(resolve(Map.of("PGSERVICE", "a", "PGSERVICEFILE", file.toString()), null).jdbcUrl()).contains("//from-pgservicefile:");
    }

    @Test
    void theSystemFileIsReadWhenTheUsersFileLacksTheService() throws Exception {
        write(home.resolve(".pg_service.conf"), "[other]", "host=x");
        write(etc.resolve("pg_service.conf"), "[a]", "host=from-system", "[other]", "host=not-this");

        assertThat(resolve(Map.of("PGSERVICE", "a"), null).jdbcUrl()).contains("//from-system:");
        assertThat(resolve(Map.of("PGSERVICE", "other"), null).jdbcUrl()).as("the user's file first").contains("//x:");
    }

    @Test
    void aMissingServiceNamesEveryFileSearched() throws Exception {
        write(home.resolve(".pg_service.conf"), "[a]", "host=x");

        assertThatThrownBy(() -> resolve(Map.of("PGSERVICE", "nope"), null))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("definition of service 'nope' (PGSERVICE) not found; searched " + home.resolve(".pg_service.conf")
                        + ", " + etc.resolve("pg_service.conf") + " (no such file)");
    }

    @Test
    void withoutPgsysconfdirLibpqsDirectoryOnDebianIsSearched() {
        assertThatThrownBy(() -> new TargetResolver(Map.of("PGSERVICE", "nope"), home, "osuser", List.of()).resolve(null))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageEndingWith(home.resolve(".pg_service.conf") + " (no such file), /etc/postgresql-common/pg_service.conf"
                        + (Files.exists(Path.of("/etc/postgresql-common/pg_service.conf")) ? "" : " (no such file)"));
    }

    @Test
    void aMissingPgservicefileIsAnErrorEvenWhenTheSystemFileHasTheService() throws Exception {
        write(etc.resolve("pg_service.conf"), "[a]", "host=x");
        Path missing = home.resolve("missing.conf");

        assertThatThrownBy(() -> resolve(Map.of("PGSERVICE", "a", "PGSERVICEFILE", missing.toString()), null))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("service file " + missing + " (PGSERVICEFILE) not found, looking up service 'a' (PGSERVICE)");
    }

    @Test
    void withoutAServiceNoFileIsRead() throws Exception {
        write(home.resolve(".pg_service.conf"), "this file is broken");

        assertThat(resolve(Map.of(), "postgresql://h/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
    }

    @Test
    void aServiceCanNameASocketDirectory() throws Exception {
        write(home.resolve(".pg_service.conf"), "[local]", "host=/var/run/postgresql", "port=5433", "dbname=app");

        assertThat(resolve(Map.of("PGSERVICE", "local"), null).describe())
                .isEqualTo("postgresql://osuser@/app?host=/var/run/postgresql&port=5433");
    }
}
