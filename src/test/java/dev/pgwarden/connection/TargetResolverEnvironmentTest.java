package dev.pgwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --url, or for what the URL leaves out: PG* variables, then defaults, like psql. */
class TargetResolverEnvironmentTest {

    @TempDir
    Path home;

    private ConnectionSettings resolve(Map<String, String> env, String url) throws TargetConfigException {
        // No socket directory, so that a server running on this machine does not change the defaults.
        return new TargetResolver(env, home, "osuser", List.of()).resolve(url);
    }

    @Test
    void defaultsAreLocalhost5432AndTheOsUserAndADatabaseNamedLikeTheUser() throws Exception {
        ConnectionSettings settings = resolve(Map.of(), null);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/osuser");
        assertThat(settings.user()).isEqualTo("osuser");
        assertThat(settings.password()).isNull();
        assertThat(settings.properties()).isEmpty();
    }

    @Test
    void databaseDefaultsToPgUserNotTheOsUser() throws Exception {
        assertThat(resolve(Map.of("PGUSER", "alice"), null).jdbcUrl()).endsWith("/alice");
    }

    @Test
    void everyVariableIsRead() throws Exception {
        Map<String, String> env = Map.of(
                "PGHOST", "db.example", "PGPORT", "6543", "PGDATABASE", "app", "PGUSER", "alice",
                "PGPASSWORD", "pw", "PGSSLMODE", "verify-ca", "PGSSLROOTCERT", "/ca.crt",
                "PGSSLCERT", "/client.crt", "PGSSLKEY", "/client.pk8", "PGCONNECT_TIMEOUT", "7");
        ConnectionSettings settings = resolve(env, null);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/app");
        assertThat(settings.user()).isEqualTo("alice");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sslmode", "verify-ca", "sslrootcert", "/ca.crt", "sslcert", "/client.crt",
                "sslkey", "/client.pk8", "connectTimeout", "7"));
    }

    @Test
    void urlWinsOverEnvironmentAndEnvironmentFillsTheGaps() throws Exception {
        Map<String, String> env = Map.of("PGHOST", "envhost", "PGUSER", "envuser", "PGPASSWORD", "envpw",
                "PGSSLMODE", "require", "PGDATABASE", "envdb");
        ConnectionSettings settings = resolve(env, "postgresql://urluser@urlhost/?sslmode=disable");
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://urlhost:5432/envdb");
        assertThat(settings.user()).isEqualTo("urluser");
        assertThat(settings.password()).isEqualTo("envpw");
        assertThat(settings.properties()).containsEntry("sslmode", "disable");
    }

    @Test
    void emptyVariablesCountAsUnset() throws Exception {
        ConnectionSettings settings = resolve(Map.of("PGHOST", "", "PGPORT", "", "PGPASSWORD", ""), null);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/osuser");
        assertThat(settings.password()).isNull();
    }

    @Test
    void ipv6HostFromEnvironmentIsBracketedInTheUrl() throws Exception {
        assertThat(resolve(Map.of("PGHOST", "::1"), null).jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5432/");
    }

    @Test
    void aSocketDirectoryInPghostConnectsThroughTheSocketFileWithoutTls() throws Exception {
        ConnectionSettings settings = resolve(Map.of("PGHOST", "/var/run/postgresql", "PGPORT", "5433", "PGSSLMODE", "verify-full",
                "PGSSLROOTCERT", "/ca.crt"), null);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/osuser");
        assertThat(settings.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg",
                "socketFactoryArg", "/var/run/postgresql/.s.PGSQL.5433",
                "sslmode", "disable"));
        assertThat(settings.describe()).isEqualTo("postgresql://osuser@/osuser?host=/var/run/postgresql&port=5433");
    }

    @Test
    void badPortVariableIsNamed() {
        assertThatThrownBy(() -> resolve(Map.of("PGPORT", "54x2"), null))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("port must be a number from 1 to 65535, got '54x2' in PGPORT");
    }

    @Test
    void badSslModeIsRefused() {
        assertThatThrownBy(() -> resolve(Map.of("PGSSLMODE", "required"), null))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("sslmode must be one of");
    }

    @Test
    void badConnectTimeoutIsRefused() {
        assertThatThrownBy(() -> resolve(Map.of("PGCONNECT_TIMEOUT", "10s"), null))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("connect timeout must be a whole number of seconds, got '10s'");
    }

    @Test
    void severalHostsAreRefused() {
        assertThatThrownBy(() -> resolve(Map.of("PGHOST", "a,b"), null))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("several hosts");
    }
}
