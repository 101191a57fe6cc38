package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.probe.BlockedStatement;
import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.probe.WaitEventCount;
import dev.pgwarden.probe.WaitEventProfile;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.OpenSession;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wait-event profile sampled by {@code pgwarden probe --url} alone, against the embedded servers, whose binaries
 * have no USDT probes: two sessions wait for a row another holds, so the profile is Lock:transactionid naming the
 * waiting and the blocking statements, and the check fails naming it; sessions busy on the CPU pass.
 */
class WaitEventsCheckTest {

    private static final String CHECK = "wait-events";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void rowLockWaitsShowAsLockTransactionidAndFailTheCheckNamingTheEventAndItsStatement(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "wait_events_lock");
        execute(pg, db, "CREATE TABLE public.counter (id int PRIMARY KEY, n int)", "INSERT INTO public.counter VALUES (1, 0), (2, 0)");
        String monitorUrl = MonitorRole.urlFor(pg, db);
        try (OpenSession holder = OpenSession.open(pg, db, "postgres", "holder");
             OpenSession first = OpenSession.open(pg, db, "postgres", "first");
             OpenSession second = OpenSession.open(pg, db, "postgres", "second")) {
            holder.run("BEGIN", "UPDATE public.counter SET n = n + 1 WHERE id IN (1, 2)");
            // one row each: both wait for the holder's transaction (a second waiter on the same row waits for the tuple)
            CompletableFuture<Void> a = waitForTheRow(first, major, 1);
            CompletableFuture<Void> b = waitForTheRow(second, major, 2);
            Polling.untilTrue(pg, db, "SELECT count(*) = 2 FROM pg_stat_activity WHERE wait_event = 'transactionid'"
                    + " AND pid IN (" + first.pid() + ", " + second.pid() + ")");
            Path probe = dir.resolve("waits-" + major + ".json");

            CliRun written = CliRun.of("probe", "--url", monitorUrl, "--duration", "3s", "--out", probe.toString());
            long queryId = major >= 14 ? ((Number) PostgresServers.queryValue(pg, db,
                    "SELECT query_id FROM pg_stat_activity WHERE pid = " + first.pid())).longValue() : 0;
            holder.run("ROLLBACK");
            a.join();
            b.join();

            assertThat(written.exitCode()).as(written.err()).isZero();
            assertThat(written.out()).contains("wait events: ", "Lock ");
            WaitEventProfile profile = new ProbeInputReader(null).waitEvents(probe).orElseThrow();
            assertThat(profile.measured()).isTrue();
            assertThat(profile.ticks()).isBetween(25L, 31L);
            WaitEventCount top = profile.events().get(0);
            assertThat(top.label()).isEqualTo("Lock:transactionid");
            assertThat(top.samples()).isGreaterThanOrEqualTo(2 * (profile.ticks() - 1));
            // each waiter is named with the holder's last statement, the session idle in its transaction; with query ids
            // the two updates are one statement (one pair, the first text seen), without them two texts
            if (major >= 14) {
                assertThat(top.blockedBy()).singleElement().satisfies(pair -> {
                    assertThat(pair.waitingQuery()).startsWith("UPDATE public.counter SET n = n + 1 WHERE id = ");
                    assertThat(pair.samples()).isGreaterThanOrEqualTo(2 * (profile.ticks() - 1));
                });
            } else {
                assertThat(top.blockedBy()).extracting(BlockedStatement::waitingQuery).containsExactlyInAnyOrder(
                        "UPDATE public.counter SET n = n + 1 WHERE id = 1", "UPDATE public.counter SET n = n + 1 WHERE id = 2");
            }
            assertThat(top.blockedBy()).allSatisfy(pair -> {
                assertThat(pair.blockingQuery()).isEqualTo("UPDATE public.counter SET n = n + 1 WHERE id IN (1, 2)");
                assertThat(pair.blockingState()).isEqualTo("idle in transaction");
                assertThat(pair.samples()).isGreaterThanOrEqualTo(profile.ticks() - 1);
                assertThat(pair.waitingQueryId()).isEqualTo(major >= 14 ? queryId : 0);
            });
            if (major >= 14) {
                assertThat(top.topQueries()).extracting(q -> q.queryId()).first().isEqualTo(queryId);
                assertThat(profile.queryIdsUnavailable()).isNull();
            } else {
                assertThat(top.topQueries()).isEmpty();
                assertThat(profile.queryIdsUnavailable()).contains("PostgreSQL 13 shows no query_id");
            }

            CheckResult failed = Checks.runWithProbe(monitorUrl, probe, CHECK, "min_active_samples=40");
            CheckResult tooFew = Checks.runWithProbe(monitorUrl, probe, CHECK);

            assertThat(failed.status()).isEqualTo(Status.FAILED);
            Finding finding = failed.findings().get(0);
            assertThat(finding.object()).isEqualTo("wait events of active backends");
            assertThat(finding.message()).contains("waited for IO, Lock, LWLock, IPC or BufferPin (limit 50.0%)",
                    "top waits: Lock:transactionid");
            assertThat((Double) finding.evidence().get("waiting_share")).isGreaterThan(0.9);
            assertThat(finding.remediation()).contains("pg_blocking_pids(pid)",
                    major >= 14 ? "WHERE queryid IN (" + queryId : "WHERE queryid IN (none)");
            assertThat(finding.rollback()).contains("ALTER SYSTEM RESET");
            assertThat(tooFew.status()).isEqualTo(Status.SKIPPED);
            assertThat(tooFew.outcome().toString()).contains("fewer than min_active_samples 200: too little was active to judge");
        }
    }

    @Test
    void backendsBusyOnTheCpuPass() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "wait_events_cpu");
        String monitorUrl = MonitorRole.urlFor(pg, db);
        try (OpenSession first = OpenSession.open(pg, db, "postgres", "first");
             OpenSession second = OpenSession.open(pg, db, "postgres", "second")) {
            CompletableFuture<Void> a = busy(first);
            CompletableFuture<Void> b = busy(second);
            Polling.untilTrue(pg, db, "SELECT count(*) = 2 FROM pg_stat_activity WHERE state = 'active'"
                    + " AND pid IN (" + first.pid() + ", " + second.pid() + ")");
            Path probe = dir.resolve("cpu.json");

            CliRun written = CliRun.of("probe", "--url", monitorUrl, "--duration", "2s", "--sample-interval", "50ms",
                    "--out", probe.toString());
            CheckResult result = Checks.runWithProbe(monitorUrl, probe, CHECK, "min_active_samples=40");
            a.exceptionally(e -> null).join();
            b.exceptionally(e -> null).join();

            assertThat(written.exitCode()).as(written.err()).isZero();
            WaitEventProfile profile = new ProbeInputReader(null).waitEvents(probe).orElseThrow();
            assertThat(profile.intervalMs()).isEqualTo(50);
            assertThat(profile.types()).containsKey(WaitEventProfile.CPU);
            assertThat(result.status()).as(result.toString()).isEqualTo(Status.PASSED);
        }
    }

    @Test
    void aRoleThatCannotSeeOtherRolesActivityRecordsWhyAndTheCheckSkipsWithIt() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "wait_events_denied");
        String role = "plain_" + db;
        execute(pg, db, "CREATE ROLE " + role + " LOGIN");
        Path probe = dir.resolve("denied.json");

        CliRun written = CliRun.of("probe", "--url", PostgresServers.url(pg, db).replace("user=postgres", "user=" + role),
                "--duration", "200ms", "--out", probe.toString());
        CheckResult result = Checks.runWithProbe(PostgresServers.url(pg, db), probe, CHECK);
        CheckResult readLatency = Checks.runWithProbe(PostgresServers.url(pg, db), probe, "read-latency");
        CheckResult noProbe = Checks.run(PostgresServers.url(pg, db), CHECK);

        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("wait events not measured: role " + role + " may not read other roles' wait events");
        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.outcome().toString()).contains("measured no wait events: role " + role,
                "GRANT pg_monitor (or pg_read_all_stats) TO " + role);
        assertThat(readLatency.status()).isEqualTo(Status.SKIPPED);
        assertThat(readLatency.outcome().toString()).contains("sampled pg_stat_activity only");
        assertThat(noProbe.status()).isEqualTo(Status.SKIPPED);
        assertThat(noProbe.outcome().toString()).contains("pgwarden probe --url");
    }

    /** compute_query_id is a superuser's setting; on 13 there is none and no query id. Constants do not change the id. */
    private static CompletableFuture<Void> waitForTheRow(OpenSession session, int major, int id) throws Exception {
        if (major >= 14) {
            session.run("SET compute_query_id = on");
        }
        session.run("SET lock_timeout = '60s'");
        return session.runBlocked("UPDATE public.counter SET n = n + 1 WHERE id = " + id);
    }

    /** A cross join of catalog rows: seconds of pure CPU, ended by its statement timeout. */
    private static CompletableFuture<Void> busy(OpenSession session) throws Exception {
        session.run("SET statement_timeout = '6s'", "SET max_parallel_workers_per_gather = 0");
        return session.runBlocked("SELECT count(*) FROM pg_attribute a, pg_attribute b, pg_class c");
    }
}
