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
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A physical slot nobody reads while the server writes WAL. Slots are cluster-wide: each test drops the slot
 * it made before it ends, so the shared server is left as it was.
 */
class ReplicationSlotRetentionCheckTest {

    private static final String CHECK = "replication-slot-retention";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingASlotNobodyReadsWhileWalIsWritten(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "slot_retention");
        String slot = "forgotten_standby_" + db;
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor",
                "SELECT pg_create_physical_replication_slot('" + slot + "', immediately_reserve => true)");
        try {
            execute(pg, db, "CREATE TABLE public.t AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 20000) g",
                    "SELECT pg_switch_wal()");

            CheckResult retaining = Checks.run(url(pg, db), CHECK, "max_retained_wal=1MB");
            CheckResult inactive = Checks.run(url(pg, db), CHECK, "max_inactive=0s");
            CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), CHECK, "max_retained_wal=1MB");

            assertThat(retaining.status()).isEqualTo(Status.FAILED);
            assertThat(retaining.findings()).extracting(Finding::object).containsExactly(slot);
            Finding finding = retaining.findings().get(0);
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.message()).startsWith("physical slot (no consumer connected) retains ").contains("bytes (limit 1048576)").doesNotContain("xmin");
            assertThat(((Number) finding.evidence().get("retained_bytes")).longValue()).isGreaterThan(1_048_576L);
            assertThat(finding.evidence()).containsEntry("slot_type", "physical").containsEntry("active", false);
            assertThat(finding.remediation()).contains("SELECT pg_drop_replication_slot('" + slot + "');",
                    "ALTER SYSTEM SET max_slot_wal_keep_size = '50GB'; SELECT pg_reload_conf();",
                    "max_slot_wal_keep_size takes effect on reload");
            assertThat(finding.rollback()).contains("cannot be restored with its position",
                    "SELECT pg_create_physical_replication_slot('" + slot + "', immediately_reserve => true);",
                    "ALTER SYSTEM RESET max_slot_wal_keep_size; SELECT pg_reload_conf();");

            assertThat(inactive.findings()).extracting(Finding::object, Finding::severity).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(slot, Severity.WARNING));
            assertThat(inactive.findings().get(0).message()).startsWith("physical slot has no consumer connected "
                    + (major >= 17 ? "since " : "(since when is unknown before PostgreSQL 17)"));

            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly(slot);
        } finally {
            execute(pg, db, "SELECT pg_drop_replication_slot('" + slot + "')");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWithoutSlots(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "no_slots");

        CheckResult result = Checks.run(url(pg, db), CHECK, "max_retained_wal=0kB", "max_inactive=0s");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }
}
