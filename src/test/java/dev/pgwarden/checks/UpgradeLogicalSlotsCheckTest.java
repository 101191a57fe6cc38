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

class UpgradeLogicalSlotsCheckTest {

    @Test
    void before17EverySlotIsReportedAsNotCarried() throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(13);
        String db = createDatabase(pg, "slots");
        execute(pg, db, "SELECT pg_create_logical_replication_slot('orders_sub', 'pgoutput')");
        try {
            CheckResult result = Checks.runForUpgrade(url(pg, db), 17, "upgrade-logical-slots");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            Finding finding = result.findings().get(0);
            assertThat(finding.object()).isEqualTo("orders_sub");
            assertThat(finding.evidence()).containsEntry("kind", "not-migrated").containsEntry("database_name", db);
            assertThat(finding.message()).contains("pg_upgrade from 13 does not carry logical slots");
            assertThat(finding.remediation()).contains("in database " + db,
                    "SELECT pg_create_logical_replication_slot('orders_sub', 'pgoutput');");
            assertThat(finding.rollback()).contains("SELECT pg_create_logical_replication_slot('orders_sub', 'pgoutput');");
        } finally {
            execute(pg, db, "SELECT pg_drop_replication_slot('orders_sub')");
        }
    }

    @Test
    void from17ASlotBehindItsLimitIsReportedWithItsOptions() throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(17);
        String db = createDatabase(pg, "slots");
        execute(pg, db, "SELECT pg_create_logical_replication_slot('orders_sub', 'pgoutput', twophase => true)",
                "CREATE TABLE public.orders AS SELECT generate_series(1, 1000) AS id");
        try {
            CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-logical-slots", "max_lag=1kB");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            Finding finding = result.findings().get(0);
            assertThat(finding.object()).isEqualTo("orders_sub");
            assertThat(finding.evidence()).containsEntry("kind", "lagging");
            assertThat(((Number) finding.evidence().get("lag_bytes")).longValue()).isGreaterThan(1024);
            assertThat(finding.remediation()).contains("SELECT pg_drop_replication_slot('orders_sub');", "wal_level = logical");
            assertThat(finding.rollback()).contains(
                    "SELECT pg_create_logical_replication_slot('orders_sub', 'pgoutput', twophase => true, failover => false);");
        } finally {
            execute(pg, db, "SELECT pg_drop_replication_slot('orders_sub')");
        }
    }

    @Test
    void from17ACaughtUpSlotPasses() throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(17);
        String db = createDatabase(pg, "slots");
        execute(pg, db, "SELECT pg_create_logical_replication_slot('orders_sub', 'pgoutput')");
        try {
            CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-logical-slots");

            assertThat(result.status()).isEqualTo(Status.PASSED);
        } finally {
            execute(pg, db, "SELECT pg_drop_replication_slot('orders_sub')");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWithoutLogicalSlots(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "noslots");

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-logical-slots");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }
}
