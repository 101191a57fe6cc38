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
import dev.pgwarden.testing.OpenSession;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A chain of three sessions: the root holds a row lock and sits idle in its transaction, a writer waits for
 * that row, and a migration waits for the table behind both. The migration's root is the first session.
 */
class LockWaitsCheckTest {

    private static final String CHECK = "lock-waits";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheWaiterTheLockAndTheRootOfItsBlockingChain(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "lock_waits");
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE TABLE public.\"Orders\" (id int PRIMARY KEY, total int)", "INSERT INTO public.\"Orders\" VALUES (1, 0)",
                "CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor");
        try (OpenSession root = OpenSession.open(pg, db, "postgres", "holder");
             OpenSession writer = OpenSession.open(pg, db, "postgres", "writer");
             OpenSession migration = OpenSession.open(pg, db, "postgres", "migration")) {
            root.run("BEGIN", "UPDATE public.\"Orders\" SET total = 1 WHERE id = 1");
            writer.run("SET lock_timeout = '30s'");
            var writing = writer.runBlocked("UPDATE public.\"Orders\" SET total = 2 WHERE id = 1");
            waitUntilWaiting(pg, db, writer.pid());
            migration.run("SET lock_timeout = '30s'");
            var migrating = migration.runBlocked("ALTER TABLE public.\"Orders\" ADD COLUMN note text");
            waitUntilWaiting(pg, db, migration.pid());

            CheckResult result = Checks.run(url(pg, db), CHECK, "max_wait=0s");
            CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), CHECK, "max_wait=0s");

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object)
                    .containsExactlyInAnyOrder("pid " + writer.pid(), "pid " + migration.pid());
            Finding finding = result.findings().stream().filter(f -> f.object().equals("pid " + migration.pid())).findFirst().orElseThrow();
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.message()).contains("(limit 0 s) for AccessExclusiveLock on relation public.\"Orders\"",
                    "application migration, database " + db,
                    "the root to end first: pid " + root.pid() + " (client backend, user postgres, application holder, idle in transaction");
            assertThat(finding.evidence()).containsEntry("root_pid", root.pid()).containsEntry("lock_type", "relation")
                    .containsEntry("relation_name", "public.\"Orders\"");
            assertThat(String.valueOf(finding.evidence().get("blocking_pids"))).contains(String.valueOf(root.pid()));
            assertThat(finding.remediation()).contains("SELECT pg_terminate_backend(" + root.pid() + ");", "SET lock_timeout");
            assertThat(finding.rollback()).contains("cannot be undone");
            Finding rowWait = result.findings().stream().filter(f -> f.object().equals("pid " + writer.pid())).findFirst().orElseThrow();
            assertThat(rowWait.evidence()).containsEntry("root_pid", root.pid()).containsEntry("lock_type", "transactionid");
            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactlyInAnyOrderElementsOf(
                    result.findings().stream().map(Finding::object).toList());

            root.run("ROLLBACK");
            writing.join();
            migrating.join();
        }
    }

    @Test
    void passesWhenNothingWaitsLongerThanTheDefault() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "no_lock_waits");
        execute(pg, db, "CREATE TABLE public.t (id int)");
        try (OpenSession holder = OpenSession.open(pg, db, "postgres", "holder");
             OpenSession waiter = OpenSession.open(pg, db, "postgres", "waiter")) {
            holder.run("BEGIN", "LOCK TABLE public.t");
            var waiting = waiter.runBlocked("SELECT count(*) FROM public.t");
            waitUntilWaiting(pg, db, waiter.pid());

            CheckResult result = Checks.run(url(pg, db), CHECK);

            assertThat(result.status()).isEqualTo(Status.PASSED);
            holder.run("ROLLBACK");
            waiting.join();
        }
    }

    private static void waitUntilWaiting(EmbeddedPostgres pg, String db, int pid) throws Exception {
        Polling.untilTrue(pg, db, "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = " + pid);
    }
}
