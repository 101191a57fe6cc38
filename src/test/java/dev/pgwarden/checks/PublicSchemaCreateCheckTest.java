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

class PublicSchemaCreateCheckTest {

    private static final String CHECK = "public-schema-create";

    @Test
    void failsOn13WherePublicMayCreateInSchemaPublicByDefault() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(13);
        String db = createDatabase(pg, "pubcreate");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("public");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).isEqualTo("PUBLIC (every role) may create objects in schema public (owner postgres, 0 relations); "
                + "its objects are found by any role's unqualified names");
        assertThat(finding.remediation()).contains("REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
        assertThat(finding.rollback()).isEqualTo("GRANT CREATE ON SCHEMA public TO PUBLIC;");
        assertThat(finding.evidence()).containsEntry("owner", "postgres").containsEntry("public_usage", true);
    }

    @Test
    void failsOn17AfterAnExplicitGrantAndTheRemediationAndRollbackRunAsWrittenForAnAwkwardName() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "pubcreate_grant");
        assertThat(Checks.run(url(pg, db), CHECK).status()).as("15 and later: schema public is closed").isEqualTo(Status.PASSED);
        execute(pg, db, "GRANT CREATE ON SCHEMA public TO PUBLIC",
                "CREATE SCHEMA \"Scratch \"\"Area\"\"\"", "GRANT CREATE ON SCHEMA \"Scratch \"\"Area\"\"\" TO PUBLIC");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        String scratch = "\"Scratch \"\"Area\"\"\"";
        assertThat(result.findings()).extracting(Finding::object).containsExactlyInAnyOrder(scratch, "public");
        Finding awkward = result.findings().stream().filter(f -> f.object().equals(scratch)).findFirst().orElseThrow();
        Finding publicSchema = result.findings().stream().filter(f -> f.object().equals("public")).findFirst().orElseThrow();
        assertThat(publicSchema.evidence()).containsEntry("owner", "pg_database_owner");
        assertThat(awkward.message()).doesNotContain("found by any role").contains("(owner postgres, 0 relations)");
        execute(pg, db, awkward.remediation().lines().map(String::strip).filter(l -> l.startsWith("REVOKE")).toArray(String[]::new));
        assertThat(Checks.run(url(pg, db), CHECK).findings()).extracting(Finding::object).containsExactly("public");
        execute(pg, db, awkward.rollback());
        assertThat(Checks.run(url(pg, db), CHECK).findings()).hasSize(2);
    }

    @Test
    void passesOn17WithTheDefaultPrivileges() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "pubcreate_default");
        execute(pg, db, "CREATE SCHEMA app", "GRANT USAGE ON SCHEMA app TO PUBLIC");

        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aPgMonitorRoleReachesTheSameVerdict() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(13);
        String db = createDatabase(pg, "pubcreate_monitor");

        CheckResult result = Checks.run(MonitorRole.urlFor(pg, db), CHECK);

        assertThat(result.findings()).extracting(Finding::object).containsExactly("public");
    }
}
