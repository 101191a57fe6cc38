package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

class PasswordEncryptionCheckTest {

    private static final String CHECK = "password-encryption";

    @Test
    void failsOn13WhereMd5IsTheDefaultAndAPgMonitorRoleSeesTheSame() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(13);
        String db = createDatabase(pg, "passwords");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("password_encryption");
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("password_encryption is md5 (from default): passwords set from now on are stored as MD5 hashes");
        assertThat(finding.remediation()).contains("ALTER DATABASE " + db + " SET password_encryption = 'scram-sha-256';",
                "SELECT rolname FROM pg_authid WHERE rolpassword LIKE 'md5%';");
        assertThat(finding.rollback()).startsWith("ALTER DATABASE " + db + " RESET password_encryption;");
        assertThat(Checks.run(MonitorRole.urlFor(pg, db), CHECK).findings()).extracting(Finding::object)
                .containsExactly("password_encryption");
    }

    @Test
    void failsOn17ForARoleSetToMd5AndTheRemediationAndRollbackRunAsWritten() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "passwords_role");
        String role = "\"Legacy \"\"App\"\"\"";
        execute(pg, db, "CREATE ROLE " + role + " LOGIN", "ALTER ROLE " + role + " SET password_encryption = 'md5'");
        try {
            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.findings()).extracting(Finding::object).containsExactly("password_encryption for role Legacy \"App\"");
            Finding finding = result.findings().get(0);
            assertThat(finding.message()).contains("(from role, for role Legacy \"App\")");
            String fix = finding.remediation().lines().findFirst().orElseThrow().strip();
            assertThat(fix).isEqualTo("ALTER ROLE " + role + " SET password_encryption = 'scram-sha-256';");

            execute(pg, db, fix);
            assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
            execute(pg, db, finding.rollback().lines().findFirst().orElseThrow());
            assertThat(Checks.run(url(pg, db), CHECK).findings()).extracting(Finding::object).containsExactly(finding.object());
        } finally {
            execute(pg, db, "DROP ROLE " + role);
        }
    }

    @Test
    void passesOn17WhereScramIsTheDefault() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "passwords_ok");

        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }
}
