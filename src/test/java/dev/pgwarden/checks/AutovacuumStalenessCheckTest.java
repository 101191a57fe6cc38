package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutovacuumStalenessCheckTest {

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void failsForTableWithAutovacuumDisabledAndDeadTuples(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "avstale");
        execute(pg, db,
                "CREATE TABLE public.orders (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.orders SELECT generate_series(1, 20000)",
                "DELETE FROM public.orders");
        awaitDeadTuples(pg, db, 20000);

        CheckResult result = Checks.run(url(pg, db), "autovacuum-staleness");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("public.orders");
        assertThat(finding.remediation()).contains("VACUUM (VERBOSE, ANALYZE) public.orders;",
                "ALTER TABLE public.orders RESET (autovacuum_enabled);");
        assertThat(finding.rollback()).contains("ALTER TABLE public.orders SET (autovacuum_enabled = false);");
        assertThat(finding.evidence()).containsEntry("n_dead_tup", 20000);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesOnHealthyDatabase(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "avok");
        execute(pg, db,
                "CREATE TABLE public.orders (id int)",
                "INSERT INTO public.orders SELECT generate_series(1, 20000)",
                "DELETE FROM public.orders WHERE id <= 100");
        // The writing session flushes its statistics as its backend exits, which may be after the next
        // session starts: a late flush would count the inserts again after the VACUUM below.
        awaitDeadTuples(pg, db, 100);
        // What autovacuum would have done by now; the test server's naptime keeps it from doing it.
        execute(pg, db, "VACUUM (ANALYZE) public.orders");
        // Before 15 the collector hears of the VACUUM a moment later; until then the inserts still count.
        Polling.untilTableStatistics(pg, db, "public.orders", "last_vacuum IS NOT NULL AND n_ins_since_vacuum = 0");

        CheckResult result = Checks.run(url(pg, db), "autovacuum-staleness");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }

    private static void awaitDeadTuples(EmbeddedPostgres pg, String db, int deadTuples) throws Exception {
        Polling.untilTableStatistics(pg, db, "public.orders", "n_dead_tup >= " + deadTuples);
    }
}
