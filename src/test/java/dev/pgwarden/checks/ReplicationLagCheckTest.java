package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.StreamingStandby;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A primary and a streaming standby of it, started once for the class. Lag is made by pausing replay on the
 * standby and writing on the primary; each test that pauses resumes and waits for the standby to catch up.
 */
class ReplicationLagCheckTest {

    private static final String CHECK = "replication-lag";
    private static final String STANDBY = "standby_a";
    private static EmbeddedPostgres primary;
    private static StreamingStandby standby;

    @BeforeAll
    static void startPrimaryAndStandby() throws Exception {
        primary = PostgresServers.builder(17).start();
        execute(primary, "postgres", "CREATE TABLE public.events (id bigint, payload text)",
                "CREATE ROLE monitor LOGIN IN ROLE pg_monitor", "CREATE ROLE plain LOGIN");
        standby = StreamingStandby.start(primary, STANDBY);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (standby != null) {
                standby.close();
            }
        } finally {
            primary.close();
        }
    }

    @Test
    void failsOnBothSidesWhileTheStandbyDoesNotReplay() throws Exception {
        // A commit replayed before the pause, so the standby knows how old its last replayed commit is.
        execute(primary, "postgres", "INSERT INTO public.events VALUES (-1, 'before the pause')");
        waitUntilCaughtUp();
        standby.execute("SELECT pg_wal_replay_pause()");
        try {
            execute(primary, "postgres", "INSERT INTO public.events SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g");
            Polling.until("the standby to receive WAL it does not replay", Duration.ofSeconds(10), () -> Boolean.TRUE.equals(
                    standby.queryValue("SELECT pg_last_wal_receive_lsn() - pg_last_wal_replay_lsn() > 1000000")));

            CheckResult onPrimary = Checks.run(url(primary, "postgres"), CHECK, "max_lag_bytes=1MB");
            CheckResult onStandby = Checks.run(standby.url("postgres"), CHECK, "max_lag=1ms");
            CheckResult onStandbyByBytes = Checks.run(standby.url("postgres"), CHECK, "max_lag=60min", "max_lag_bytes=1MB");
            CheckResult onStandbyUnderBoth = Checks.run(standby.url("postgres"), CHECK, "max_lag=60min", "max_lag_bytes=1GB");
            CheckResult onPrimaryAsMonitor = Checks.run(url(primary, "postgres").replace("user=postgres", "user=monitor"), CHECK,
                    "max_lag_bytes=1MB");
            CheckResult onStandbyAsMonitor = Checks.run(standby.url("postgres").replace("user=postgres", "user=monitor"), CHECK,
                    "max_lag=1ms");

            assertThat(onPrimary.status()).isEqualTo(Status.FAILED);
            assertThat(onPrimary.findings()).extracting(Finding::object).containsExactly(STANDBY);
            Finding behind = onPrimary.findings().get(0);
            assertThat(behind.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(behind.message()).startsWith("standby at 127.0.0.1 (streaming, async) has not replayed ")
                    .contains("bytes of WAL (limit 1048576)");
            assertThat(((Number) behind.evidence().get("replay_lag_bytes")).longValue()).isGreaterThan(1_000_000L);
            assertThat(behind.remediation()).contains("SELECT pg_wal_replay_resume();");
            assertThat(behind.rollback()).contains("SELECT pg_wal_replay_pause();");

            assertThat(onStandby.status()).isEqualTo(Status.FAILED);
            Finding replay = onStandby.findings().get(0);
            assertThat(replay.object()).isEqualTo("127.0.0.1:" + standby.port());
            assertThat(replay.message()).startsWith("this standby has received ").contains("replay is paused",
                    "receiver streaming from localhost:" + primary.getPort());
            assertThat(((Number) replay.evidence().get("replay_behind_bytes")).longValue()).isGreaterThan(1_000_000L);
            assertThat(replay.message()).containsPattern("the last replayed commit is 00:00:\\d\\d(\\.\\d+)? old \\(limit 0 s\\)");
            assertThat(onStandbyByBytes.findings()).extracting(Finding::object).containsExactly("127.0.0.1:" + standby.port());
            assertThat(onStandbyUnderBoth.status()).isEqualTo(Status.PASSED);

            assertThat(onPrimaryAsMonitor.findings()).extracting(Finding::object).containsExactly(STANDBY);
            assertThat(onStandbyAsMonitor.findings()).extracting(Finding::object).containsExactly("127.0.0.1:" + standby.port());
        } finally {
            standby.execute("SELECT pg_wal_replay_resume()");
            waitUntilCaughtUp();
        }
    }

    @Test
    void passesOnBothSidesWhenTheStandbyHasCaughtUpEvenLongAfterTheLastCommit() throws Exception {
        execute(primary, "postgres", "INSERT INTO public.events VALUES (0, 'last write')");
        waitUntilCaughtUp();
        // The last replayed commit is now older than max_lag: an idle primary, not lag.
        Polling.until("the last replayed commit to be older than 50 ms", Duration.ofSeconds(5), () -> Boolean.TRUE.equals(
                standby.queryValue("SELECT now() - pg_last_xact_replay_timestamp() > interval '50 ms'")));

        CheckResult onPrimary = Checks.run(url(primary, "postgres"), CHECK, "max_lag=1ms", "max_lag_bytes=1kB", "min_standbys=1");
        CheckResult onStandby = Checks.run(standby.url("postgres"), CHECK, "max_lag=1ms");

        assertThat(onPrimary.status()).as(String.valueOf(onPrimary.findings())).isEqualTo(Status.PASSED);
        assertThat(onStandby.status()).as(String.valueOf(onStandby.findings())).isEqualTo(Status.PASSED);
    }

    @Test
    void failsWhenFewerStandbysStreamThanRequiredAndSkipsWithoutPgMonitor() throws Exception {
        CheckResult result = Checks.run(url(primary, "postgres"), CHECK, "min_standbys=2");
        CheckResult asPlain = Checks.run(url(primary, "postgres").replace("user=postgres", "user=plain"), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("127.0.0.1:" + primary.getPort());
        assertThat(finding.message()).isEqualTo("1 standbys streaming, fewer than min_standbys 2; WAL senders: " + STANDBY + " (streaming)");
        assertThat(asPlain.status()).isEqualTo(Status.SKIPPED);
        assertThat(asPlain.reason()).contains("role plain", "pg_monitor");
    }

    private static void waitUntilCaughtUp() throws Exception {
        Polling.until("the standby to replay everything", Duration.ofSeconds(20), () -> Boolean.TRUE.equals(PostgresServers.queryValue(
                primary, "postgres", "SELECT replay_lsn = pg_current_wal_lsn() FROM pg_stat_replication WHERE application_name = '"
                        + STANDBY + "'")));
    }
}
