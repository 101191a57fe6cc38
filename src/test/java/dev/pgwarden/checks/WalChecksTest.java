package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.PerMajorServers;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * checkpoints-too-frequent and wal-disk-usage judge server-wide state, so the class starts a server per major
 * with the smallest max_wal_size (32MB, two segments): a few segment switches force checkpoints and, with a
 * replication slot holding them, fill pg_wal. Each test starts from a state it sets up itself: the checkpoint
 * counters reset, the slot dropped.
 */
class WalChecksTest {

    private static final String DB = "postgres";
    private static final PerMajorServers SERVERS = new PerMajorServers(major -> {
        EmbeddedPostgres pg = PostgresServers.builder(major).setServerConfig("max_wal_size", "32MB")
                .setServerConfig("min_wal_size", "32MB").setServerConfig("checkpoint_timeout", "1h").start();
        execute(pg, DB, "CREATE TABLE churn (id int)", "CREATE ROLE monitor LOGIN", "GRANT pg_monitor TO monitor");
        return pg;
    });

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.close();
    }

    private static EmbeddedPostgres smallWal(int major) throws Exception {
        return SERVERS.get(major);
    }

    /** Writes a row and switches to a new WAL segment, {@code segments} times: 16MB of WAL each. */
    private static void switchSegments(EmbeddedPostgres pg, int segments) throws Exception {
        for (int i = 0; i < segments; i++) {
            execute(pg, DB, "INSERT INTO churn VALUES (" + i + ")", "SELECT pg_switch_wal()");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void checkpointsForcedByWalVolumeFailTheServerAfterEnoughOfThem(int major) throws Exception {
        EmbeddedPostgres pg = smallWal(major);
        String counters = major >= 17 ? "checkpointer" : "bgwriter";
        String requested = major >= 17 ? "SELECT num_requested FROM pg_stat_checkpointer" : "SELECT checkpoints_req FROM pg_stat_bgwriter";
        execute(pg, DB, "SELECT pg_stat_reset_shared('" + counters + "')");
        Polling.untilTrue(pg, DB, requested.replace("SELECT ", "SELECT 0 = "));

        CheckResult fresh = Checks.run(url(pg, DB), "checkpoints-too-frequent");
        CheckResult none = Checks.run(url(pg, DB), "checkpoints-too-frequent", "min_checkpoints=0");
        switchSegments(pg, 12);
        Polling.until("4 requested checkpoints", Duration.ofSeconds(30),
                () -> ((Number) PostgresServers.queryValue(pg, DB, requested)).longValue() >= 4);
        CheckResult forced = Checks.run(url(pg, DB), "checkpoints-too-frequent", "min_checkpoints=4");
        CheckResult asMonitor = Checks.run(url(pg, DB).replace("user=postgres", "user=monitor"),
                "checkpoints-too-frequent", "min_checkpoints=4");

        assertThat(fresh.status()).isEqualTo(Status.SKIPPED);
        assertThat(fresh.outcome().toString()).contains("only 0 checkpoints since", "fewer than min_checkpoints 10: too early to judge");
        assertThat(none.status()).isEqualTo(Status.PASSED);
        assertThat(forced.status()).isEqualTo(Status.FAILED);
        Finding finding = forced.findings().get(0);
        assertThat(finding.object()).isEqualTo("127.0.0.1:" + pg.getPort());
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("were requested rather than timed", "max_wal_size 32MB", "checkpoint_timeout 1h");
        assertThat(finding.evidence()).containsEntry("timed", 0).containsEntry("requested_share", 1.0)
                .containsEntry("stats_kind", counters);
        // The embedded server gets max_wal_size on its command line, which the remediation says outranks ALTER SYSTEM.
        assertThat(finding.remediation()).contains("ALTER SYSTEM SET max_wal_size = '64MB'; SELECT pg_reload_conf();",
                "max_wal_size is set on the server's command line, which outranks ALTER SYSTEM",
                "SELECT pg_stat_reset_shared('" + counters + "');");
        assertThat(finding.rollback()).contains("(32MB, from command line)",
                "max_wal_size is set on the server's command line, which outranks ALTER SYSTEM: nothing to restore");
        assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly(finding.object());
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void walHeldByAnUnusedSlotFailsTheServerNamingTheSlot(int major) throws Exception {
        EmbeddedPostgres pg = smallWal(major);
        execute(pg, DB, "CHECKPOINT");

        CheckResult healthy = Checks.run(url(pg, DB), "wal-disk-usage");
        execute(pg, DB, "SELECT pg_create_physical_replication_slot('forgotten_standby', true)");
        try {
            switchSegments(pg, 6);
            execute(pg, DB, "CHECKPOINT");
            CheckResult held = Checks.run(url(pg, DB), "wal-disk-usage");
            CheckResult asMonitor = Checks.run(url(pg, DB).replace("user=postgres", "user=monitor"), "wal-disk-usage");

            assertThat(healthy.status()).as(healthy.toString()).isEqualTo(Status.PASSED);
            assertThat(held.status()).isEqualTo(Status.FAILED);
            Finding finding = held.findings().get(0);
            assertThat(finding.object()).isEqualTo("127.0.0.1:" + pg.getPort());
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.message()).contains("over 2.0 × max_wal_size 32MB", "slots holding WAL: forgotten_standby (inactive, ");
            assertThat(((Number) finding.evidence().get("wal_bytes")).longValue()).isGreaterThan(64L << 20);
            assertThat(finding.evidence()).containsEntry("slots", 1).containsEntry("archiving_failing", false);
            assertThat(finding.remediation()).contains("SELECT pg_drop_replication_slot('<slot>');");
            assertThat(finding.remediation()).contains("ALTER SYSTEM SET max_slot_wal_keep_size = '<size>'; SELECT pg_reload_conf();");
            assertThat(finding.rollback()).contains("A dropped replication slot cannot be brought back", "(-1, from default;",
                    "ALTER SYSTEM RESET max_slot_wal_keep_size; SELECT pg_reload_conf();");
            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly(finding.object());
        } finally {
            execute(pg, DB, "SELECT pg_drop_replication_slot('forgotten_standby')", "CHECKPOINT");
        }
    }
}
