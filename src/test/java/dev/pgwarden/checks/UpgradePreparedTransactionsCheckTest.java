package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.UpgradeServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradePreparedTransactionsCheckTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingThePreparedTransactionAndItsDatabase(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "prepared");
        String gid = "batch-" + major + "-o'clock";
        execute(pg, db, "CREATE TABLE public.orders (id int)",
                "BEGIN", "INSERT INTO public.orders VALUES (1)", "PREPARE TRANSACTION 'batch-" + major + "-o''clock'");
        try {
            CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-prepared-transactions");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).hasSize(1);
            Finding finding = result.findings().get(0);
            assertThat(finding.object()).isEqualTo("'batch-" + major + "-o''clock'");
            assertThat(finding.message()).contains("database " + db, "pg_upgrade from " + major + " to 18");
            assertThat(finding.remediation()).contains(
                    "COMMIT PREPARED 'batch-" + major + "-o''clock';",
                    "ROLLBACK PREPARED 'batch-" + major + "-o''clock';",
                    "psql -d " + db);
            assertThat(finding.rollback()).contains("None is possible");
            assertThat(finding.evidence()).containsEntry("gid", gid).containsEntry("database_name", db)
                    .containsEntry("target_major", 18);
        } finally {
            execute(pg, db, "ROLLBACK PREPARED 'batch-" + major + "-o''clock'");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWithoutPreparedTransactions(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "noprepared");

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-prepared-transactions");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }

    @Test
    void isSkippedWithoutATargetVersion() throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(17);

        CheckResult result = Checks.run(url(pg, "postgres"), "upgrade-prepared-transactions");

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).contains("--target-version");
    }
}
