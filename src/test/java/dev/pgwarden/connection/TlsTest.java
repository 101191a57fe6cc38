package dev.pgwarden.connection;

import static dev.pgwarden.testing.ServerCertificate.keytool;
import static dev.pgwarden.testing.ServerCertificate.privateKey;
import static dev.pgwarden.testing.ServerCertificate.writePem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS settings reach the driver from the URL and from PG* variables. The server has ssl on with a throwaway
 * certificate for localhost made by the JDK's keytool, and its pg_hba.conf turns away every connection
 * without TLS, and the role certuser without a client certificate it trusts: a login that succeeds used TLS.
 */
class TlsTest {

    @TempDir
    static Path keys;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        keytool(keys.resolve("server.p12"), "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        keytool(keys.resolve("client.p12"), "CN=certuser");
        keytool(keys.resolve("other.p12"), "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        writePem(keys.resolve("server.p12"), keys.resolve("server.crt"), keys.resolve("server.key"));
        writePem(keys.resolve("other.p12"), keys.resolve("other.crt"), keys.resolve("other.key"));
        writePem(keys.resolve("client.p12"), keys.resolve("client.crt"), keys.resolve("client.key"));
        // pgjdbc reads a client key as PKCS#8 DER
        Files.write(keys.resolve("client.pk8"), privateKey(keys.resolve("client.p12")).getEncoded());
        postgres = PostgresServers.builder(17)
                .setDataDirectoryCustomizer(TlsTest::configureTls)
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_ca_file", "client.crt")
                .start();
        PostgresServers.execute(postgres, "postgres", "CREATE ROLE certuser LOGIN IN ROLE pg_monitor");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private static void configureTls(File dataDirectory) {
        try {
            Path data = dataDirectory.toPath();
            Files.copy(keys.resolve("server.crt"), data.resolve("server.crt"));
            Files.copy(keys.resolve("server.key"), data.resolve("server.key"));
            Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            Files.copy(keys.resolve("client.crt"), data.resolve("client.crt"));
            Files.write(data.resolve("pg_hba.conf"), List.of(
                    "local all all trust",
                    "hostssl all certuser 127.0.0.1/32 cert",
                    "hostssl all all 127.0.0.1/32 trust",
                    "hostnossl all all 127.0.0.1/32 reject"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String uri(String user, String options) {
        return "postgresql://" + user + "@localhost:" + postgres.getPort() + "/postgres?" + options;
    }

    private static TargetSession open(String url, Map<String, String> environment) throws Exception {
        ConnectionSettings settings = new TargetResolver(environment, keys).resolve(url);
        return TargetSession.open(settings, SessionOptions.defaults());
    }

    private static boolean usesTls(TargetSession session) throws Exception {
        try (Statement s = session.connection().createStatement();
             ResultSet rows = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    @Test
    void sslmodeRequireFromTheUrlConnectsWithTls() throws Exception {
        try (TargetSession session = open(uri("postgres", "sslmode=require"), Map.of())) {
            assertThat(usesTls(session)).isTrue();
        }
    }

    @Test
    void sslmodeDisableFromTheUrlReachesTheDriverAndTheServerTurnsItAway() {
        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> open(uri("postgres", "sslmode=disable"), Map.of()));

        assertThat(e.getMessage()).startsWith("cannot log in to postgresql://postgres@localhost:" + postgres.getPort() + "/postgres: ")
                .contains("no encryption").doesNotContain("\n");
    }

    @Test
    void verifyFullWithTheServersCertificateAsRootFromPgVariablesConnects() throws Exception {
        Map<String, String> environment = Map.of("PGHOST", "localhost", "PGPORT", Integer.toString(postgres.getPort()),
                "PGUSER", "postgres", "PGDATABASE", "postgres", "PGSSLMODE", "verify-full",
                "PGSSLROOTCERT", keys.resolve("server.crt").toString());

        try (TargetSession session = open(null, environment)) {
            assertThat(usesTls(session)).isTrue();
        }
    }

    @Test
    void verifyFullWithAnotherRootIsRefusedInOneLine() {
        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> open(uri("postgres", "sslmode=verify-full&sslrootcert=" + keys.resolve("other.crt")), Map.of()));

        assertThat(e.getMessage()).startsWith("cannot reach postgresql://postgres@localhost:" + postgres.getPort() + "/postgres: ")
                .doesNotContain("\n");
    }

    @Test
    void clientCertificateAndKeyFromPgVariablesLogIn() throws Exception {
        Map<String, String> environment = Map.of("PGSSLCERT", keys.resolve("client.crt").toString(),
                "PGSSLKEY", keys.resolve("client.pk8").toString());

        try (TargetSession session = open(uri("certuser", "sslmode=require"), environment)) {
            assertThat(usesTls(session)).isTrue();
        }
    }

    @Test
    void clientCertificateAndKeyFromTheUrlLogIn() throws Exception {
        String options = "sslmode=require&sslcert=" + keys.resolve("client.crt") + "&sslkey=" + keys.resolve("client.pk8");

        try (TargetSession session = open(uri("certuser", options), Map.of())) {
            assertThat(usesTls(session)).isTrue();
        }
    }

    @Test
    void rootCertificateUnderHomeVerifiesTheServerWhenHomeIsNotTheAccountsHome(@TempDir Path home) throws Exception {
        Files.copy(keys.resolve("server.crt"), Files.createDirectories(home.resolve(".postgresql")).resolve("root.crt"));

        try (TargetSession session = open(uri("postgres", "sslmode=verify-full"), Map.of("HOME", home.toString()))) {
            assertThat(usesTls(session)).isTrue();
        }
    }

    @Test
    void verifyFullWithoutARootCertificateUnderHomeNamesTheFileItLookedFor(@TempDir Path home) {
        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> open(uri("postgres", "sslmode=verify-full"), Map.of("HOME", home.toString())));

        assertThat(e.getMessage()).contains(home.resolve(".postgresql/root.crt").toString()).doesNotContain("\n");
    }

    @Test
    void clientCertificateAndKeyUnderHomeLogIn(@TempDir Path home) throws Exception {
        Path directory = Files.createDirectories(home.resolve(".postgresql"));
        Files.copy(keys.resolve("client.crt"), directory.resolve("postgresql.crt"));
        Files.copy(keys.resolve("client.pk8"), directory.resolve("postgresql.pk8"));

        try (TargetSession session = open(uri("certuser", "sslmode=require"), Map.of("HOME", home.toString()))) {
            assertThat(usesTls(session)).isTrue();
        }
    }

    @Test
    void theKeyUnderHomeGoesWithACertificateNamedByPgsslcert(@TempDir Path home) throws Exception {
        Files.copy(keys.resolve("client.pk8"), Files.createDirectories(home.resolve(".postgresql")).resolve("postgresql.pk8"));
        Map<String, String> environment = Map.of("HOME", home.toString(), "PGSSLCERT", keys.resolve("client.crt").toString());

        try (TargetSession session = open(uri("certuser", "sslmode=require"), environment)) {
            assertThat(usesTls(session)).isTrue();
        }
    }
}
