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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Roles are cluster-wide: each test drops the roles it made, so the shared servers keep only postgres as superuser. */
class SuperuserRolesCheckTest {

    private static final String CHECK = "superuser-roles";
    private static final String ADMIN = "\"Ops \"\"Admin\"\"\"";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsForASecondLoginSuperuserAndALoginRoleBypassingRowSecurityAndRunsItsRemediation(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "superusers");
        String monitor = MonitorRole.urlFor(pg, db);
        execute(pg, db, "CREATE ROLE " + ADMIN + " LOGIN SUPERUSER", "CREATE ROLE etl_loader LOGIN BYPASSRLS",
                "CREATE ROLE dba_group NOLOGIN SUPERUSER");
        try {
            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object).containsExactlyInAnyOrder(ADMIN, "etl_loader");
            Finding admin = finding(result, ADMIN);
            assertThat(admin.severity()).isEqualTo(Severity.WARNING);
            assertThat(admin.message()).startsWith("can log in as a superuser");
            assertThat(admin.remediation()).contains("ALTER ROLE " + ADMIN + " NOSUPERUSER;");
            assertThat(admin.rollback()).startsWith("ALTER ROLE " + ADMIN + " SUPERUSER;");
            assertThat(admin.evidence()).containsEntry("kind", "superuser").containsEntry("superuser", true);
            Finding etl = finding(result, "etl_loader");
            assertThat(etl.message()).isEqualTo("can log in and bypasses every row security policy (BYPASSRLS)");
            assertThat(etl.remediation()).startsWith("ALTER ROLE etl_loader NOBYPASSRLS;");
            assertThat(etl.rollback()).isEqualTo("ALTER ROLE etl_loader BYPASSRLS;");
            assertThat(Checks.run(monitor, CHECK).findings()).extracting(Finding::object).containsExactlyInAnyOrder(ADMIN, "etl_loader");

            execute(pg, db, "ALTER ROLE " + ADMIN + " NOSUPERUSER;", "ALTER ROLE etl_loader NOBYPASSRLS;");
            assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
            execute(pg, db, "ALTER ROLE " + ADMIN + " SUPERUSER;");
            assertThat(Checks.run(url(pg, db), CHECK).findings()).extracting(Finding::object).containsExactly(ADMIN);
        } finally {
            execute(pg, db, "DROP ROLE IF EXISTS " + ADMIN, "DROP ROLE IF EXISTS etl_loader", "DROP ROLE IF EXISTS dba_group");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWithOnlyTheBootstrapSuperuserForTheSuperuserAndAPgMonitorRole(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "superusers_ok");
        String monitor = MonitorRole.urlFor(pg, db);

        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
        assertThat(Checks.run(monitor, CHECK).status()).isEqualTo(Status.PASSED);
    }

    private static Finding finding(CheckResult result, String object) {
        return result.findings().stream().filter(f -> f.object().equals(object)).findFirst().orElseThrow();
    }
}
