package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics objects created on an analyzed table, as pg_upgrade leaves them (objects carried, data not), judged by a
 * pg_monitor role that is also a member of the table owner's role: pg_stats_ext shows their data to no one else.
 */
class ExtendedStatisticsMissingCheckTest {

    private static final String CHECK = "extended-statistics-missing";

    /** An analyzed table of 5,000 correlated rows owned by a role of its own, and a monitor that may see its statistics. */
    private static String ordersOwnedByApp(EmbeddedPostgres pg, String db) throws Exception {
        String owner = "owner_" + db;
        execute(pg, db, "CREATE ROLE " + owner + " NOLOGIN",
                "CREATE TABLE public.orders (city text, zip text, amount int)",
                "INSERT INTO public.orders SELECT 'city' || i % 50, 'zip' || i % 50, i FROM generate_series(1, 5000) i",
                "ALTER TABLE public.orders OWNER TO " + owner);
        // The inserting session's counts reach the statistics when it ends: analyze after, so they do not land on top.
        Polling.untilTableStatistics(pg, db, "public.orders", "n_mod_since_analyze = 5000");
        execute(pg, db, "ANALYZE public.orders");
        Polling.untilTableStatistics(pg, db, "public.orders", "n_mod_since_analyze = 0 AND last_analyze IS NOT NULL");
        String monitor = MonitorRole.create(pg, db);
        execute(pg, db, "GRANT " + owner + " TO " + monitor);
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db + "?user=" + monitor;
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void namesStatisticsCreatedAndNeverAnalyzedUntilAnAnalyzeBuildsThem(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "ext_stats");
        String monitor = ordersOwnedByApp(pg, db);
        execute(pg, db, "CREATE STATISTICS public.orders_city_zip (dependencies, ndistinct) ON city, zip FROM public.orders");

        CheckResult result = Checks.run(monitor, CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.orders_city_zip");
        Finding finding = result.findings().get(0);
        assertThat(finding.message()).isEqualTo("statistics (ndistinct, dependencies) on public.orders have no data, so the planner"
                + " estimates its about 5000 rows without them; autovacuum will not analyze it until 550 rows change (0 have since its last analyze)");
        assertThat(finding.remediation()).startsWith("ANALYZE (VERBOSE) public.orders;\n")
                .contains("CREATE STATISTICS public.orders_city_zip (ndistinct, dependencies) ON city, zip FROM orders;");
        assertThat(finding.rollback()).startsWith("No rollback is needed");

        execute(pg, db, finding.remediation().lines().findFirst().orElseThrow());

        assertThat(Checks.run(monitor, CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aTableAutovacuumIsAboutToAnalyzePasses() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "ext_stats_loading");
        String monitor = ordersOwnedByApp(pg, db);
        execute(pg, db, "CREATE STATISTICS public.orders_city_zip ON city, zip FROM public.orders",
                "INSERT INTO public.orders SELECT 'city' || i % 50, 'zip' || i % 50, i FROM generate_series(1, 5000) i");

        assertThat(Checks.run(monitor, CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aRoleWithOnlyPgMonitorIsToldItCannotSeeTheData() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "ext_stats_hidden");
        execute(pg, db, "CREATE TABLE public.orders (city text, zip text)",
                "INSERT INTO public.orders SELECT 'city' || i % 50, 'zip' || i % 50 FROM generate_series(1, 5000) i");
        Polling.untilTableStatistics(pg, db, "public.orders", "n_mod_since_analyze = 5000");
        execute(pg, db, "CREATE STATISTICS public.orders_city_zip ON city, zip FROM public.orders", "ANALYZE public.orders");

        CheckResult result = Checks.run(MonitorRole.urlFor(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).startsWith("missing privilege: pg_stats_ext shows the data of public.orders_city_zip"
                + " on public.orders only to a member of the table owner's role (postgres)");
    }
}
