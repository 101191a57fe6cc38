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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two archiving servers for the class: one whose archive_command always fails, one that copies segments to
 * a directory. The working one also has its command emptied for a moment, which pauses archiving.
 */
class WalArchivingCheckTest {

    private static final String CHECK = "wal-archiving";
    private static EmbeddedPostgres failing;
    private static EmbeddedPostgres working;
    private static Path archive;

    @BeforeAll
    static void startServers() throws Exception {
        archive = Files.createTempDirectory("pgwarden-archive");
        // Started side by side: each start is mostly initdb and waiting.
        CompletableFuture<EmbeddedPostgres> failingStart = CompletableFuture.supplyAsync(() -> start("false"));
        working = start(null);
        failing = failingStart.join();
        // In postgresql.auto.conf rather than on the command line, so a test can change it with ALTER SYSTEM.
        execute(working, "postgres", "ALTER SYSTEM SET archive_command = 'cp %p " + archive + "/%f'", "SELECT pg_reload_conf()");
        for (EmbeddedPostgres pg : new EmbeddedPostgres[] {failing, working}) {
            execute(pg, "postgres", "CREATE ROLE monitor LOGIN IN ROLE pg_monitor", "CREATE ROLE plain LOGIN");
        }
    }

    private static EmbeddedPostgres start(String archiveCommand) {
        try {
            EmbeddedPostgres.Builder builder = PostgresServers.builder(17).setServerConfig("archive_mode", "on");
            return (archiveCommand == null ? builder : builder.setServerConfig("archive_command", archiveCommand)).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        failing.close();
        working.close();
        StreamingStandby.deleteTree(archive);
    }

    @Test
    void failsNamingTheSegmentTheArchiveCommandFailsFor() throws Exception {
        String segment = (String) PostgresServers.queryValue(failing, "postgres", "SELECT pg_walfile_name(pg_current_wal_lsn())");
        execute(failing, "postgres", "CREATE TABLE t AS SELECT 1 AS x", "SELECT pg_switch_wal()");
        Polling.untilTrue(failing, "postgres", "SELECT failed_count > 0 FROM pg_stat_archiver");

        CheckResult result = Checks.run(url(failing, "postgres"), CHECK);
        CheckResult asMonitor = Checks.run(url(failing, "postgres").replace("user=postgres", "user=monitor"), CHECK);
        CheckResult asPlain = Checks.run(url(failing, "postgres").replace("user=postgres", "user=plain"), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("127.0.0.1:" + failing.getPort());
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.message()).startsWith("archiving " + segment + " failed at ").contains("with no success since (last archived: none since the statistics reset)",
                "segments wait, the oldest (" + segment + ")");
        assertThat(finding.evidence()).containsEntry("last_failed_wal", segment).containsEntry("archive_mode", "on");
        assertThat(finding.remediation()).contains("archive command fails for " + segment, "nothing has to be restarted");
        assertThat(finding.rollback()).contains("ALTER SYSTEM RESET archive_command", "Never delete files from pg_wal");
        assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly("127.0.0.1:" + failing.getPort());
        assertThat(asPlain.status()).isEqualTo(Status.SKIPPED);
        assertThat(asPlain.reason()).contains("pg_ls_archive_statusdir", "pg_monitor");
    }

    @Test
    void passesWhenTheArchiveCommandWorksAndFailsWhenArchivingIsPaused() throws Exception {
        execute(working, "postgres", "CREATE TABLE IF NOT EXISTS t (x int)", "INSERT INTO t VALUES (1)", "SELECT pg_switch_wal()");
        Polling.untilTrue(working, "postgres", "SELECT archived_count > 0 FROM pg_stat_archiver");
        Polling.untilTrue(working, "postgres", "SELECT count(*) = 0 FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'");

        CheckResult healthy = Checks.run(url(working, "postgres"), CHECK, "max_archive_age=0s");

        assertThat(healthy.status()).as(String.valueOf(healthy.findings())).isEqualTo(Status.PASSED);
        assertThat(Files.list(archive).count()).isPositive();

        // An empty archive_command pauses archiving without a failure: segments wait, and nothing says why.
        execute(working, "postgres", "ALTER SYSTEM SET archive_command = ''", "SELECT pg_reload_conf()");
        try {
            Polling.untilTrue(working, "postgres", "SELECT current_setting('archive_command') = ''");
            execute(working, "postgres", "INSERT INTO t VALUES (2)", "SELECT pg_switch_wal()");
            Polling.untilTrue(working, "postgres", "SELECT count(*) > 0 FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'");

            CheckResult paused = Checks.run(url(working, "postgres"), CHECK, "max_archive_age=0s");

            assertThat(paused.status()).isEqualTo(Status.FAILED);
            assertThat(paused.findings()).extracting(Finding::object).containsExactly("127.0.0.1:" + working.getPort());
            assertThat(paused.findings().get(0).message()).contains("segments wait to be archived", "(limit 0 s), and no failure since the last success (last archived: 0000000");
        } finally {
            execute(working, "postgres", "ALTER SYSTEM SET archive_command = 'cp %p " + archive + "/%f'", "SELECT pg_reload_conf()");
        }
    }
}
