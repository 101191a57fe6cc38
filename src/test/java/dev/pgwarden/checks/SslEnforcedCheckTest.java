package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.HardenedServer;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SslEnforcedCheckTest {

    private static final String CHECK = "ssl-enforced";

    @Test
    void failsWhenSslIsOff() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "nossl");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.findings()).extracting(Finding::object).containsExactly("ssl");
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("ssl is off (from default)");
        assertThat(finding.remediation()).contains("ALTER SYSTEM SET ssl = 'on'; SELECT pg_reload_conf();",
                "ssl takes effect on reload (SELECT pg_reload_conf()), without a restart");
        assertThat(finding.rollback()).isEqualTo("ALTER SYSTEM RESET ssl; SELECT pg_reload_conf();");
        assertThat(Checks.run(MonitorRole.urlFor(pg, db), CHECK).findings()).extracting(Finding::object).containsExactly("ssl");
    }

    @Test
    void failsForASessionFromAnotherAddressWithoutTlsAndPassesOnceItIsGone() throws Exception {
        String address = HardenedServer.ownAddress().orElse(null);
        assumeTrue(address != null, "this machine has no non-loopback IPv4 address to connect from");
        EmbeddedPostgres pg = HardenedServer.get();
        String db = createDatabase(pg, "plaintext");
        String monitor = MonitorRole.urlFor(pg, db);
        String remote = "jdbc:postgresql://" + address + ":" + pg.getPort() + "/" + db + "?user=postgres";
        String object = "postgres@" + address + " to " + db;

        try (Connection clear = DriverManager.getConnection(remote + "&sslmode=disable");
             Connection encrypted = DriverManager.getConnection(remote + "&sslmode=require");
             Connection loopback = DriverManager.getConnection(url(pg, db) + "&sslmode=disable")) {
            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.findings()).extracting(Finding::object).containsExactly(object);
            Finding finding = result.findings().get(0);
            assertThat(finding.message()).startsWith("1 client backend session(s) from " + address + " connected without TLS");
            assertThat(finding.remediation()).contains("hostnossl all all 0.0.0.0/0 reject", "pg_hba.conf");
            assertThat(finding.evidence()).containsEntry("sessions", 1).containsEntry("database_name", db);
            assertThat(Checks.run(monitor, CHECK).findings()).extracting(Finding::object).containsExactly(object);
        }
        Polling.until("the clear-text session to end", Duration.ofSeconds(10),
                () -> Checks.run(url(pg, db), CHECK).status() == Status.PASSED);
    }

    @Test
    void passesWithSslOnAndOnlyLocalSessionsWithoutTls() throws Exception {
        EmbeddedPostgres pg = HardenedServer.get();
        String db = createDatabase(pg, "tls");

        try (Connection loopback = DriverManager.getConnection(url(pg, db) + "&sslmode=disable")) {
            assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
        }
    }
}
