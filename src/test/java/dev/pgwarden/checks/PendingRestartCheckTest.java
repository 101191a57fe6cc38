package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.UpgradeServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PendingRestartCheckTest {

    private static final String PENDING = "SELECT pending_restart FROM pg_settings WHERE name = 'max_locks_per_transaction'";
    private static final String NOT_PENDING = "SELECT NOT pending_restart FROM pg_settings WHERE name = 'max_locks_per_transaction'";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsForAChangeWaitingForARestartAndItsRollbackKeepsTheRunningValue(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "pending");
        String running = ServerSettings.show(pg, "max_locks_per_transaction");
        String pinRunning = "ALTER SYSTEM SET max_locks_per_transaction = '" + running + "'";
        ServerSettings.change(pg, PENDING, "ALTER SYSTEM SET max_locks_per_transaction = 1000");
        try {
            CheckResult result = Checks.run(url(pg, db), "pending-restart");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            Finding finding = result.findings().get(0);
            assertThat(finding.object()).isEqualTo("max_locks_per_transaction");
            assertThat(finding.message()).contains("runs with " + running);
            assertThat(finding.remediation()).contains(
                    "FROM pg_file_settings WHERE name = 'max_locks_per_transaction';", "pg_ctl restart",
                    "max_locks_per_transaction has context postmaster: a new value needs a restart of the server");
            assertThat(finding.rollback()).contains(pinRunning + "; SELECT pg_reload_conf();");

            ServerSettings.change(pg, NOT_PENDING, pinRunning);
            assertThat(Checks.run(url(pg, db), "pending-restart").status()).isEqualTo(Status.PASSED);
        } finally {
            // Removing the entry alone would leave the flag set until a restart: pin the running value first.
            ServerSettings.change(pg, NOT_PENDING, pinRunning);
            ServerSettings.change(pg, NOT_PENDING, "ALTER SYSTEM RESET max_locks_per_transaction");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWhenTheFilesMatchTheRunningServer(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "notpending");

        CheckResult result = Checks.run(url(pg, db), "pending-restart");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }
}
