package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.queryValue;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Outcome;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnusedIndexesCheckTest {

    private static final String CHECK = "unused-indexes";
    /** A window the test servers' statistics reach within seconds; oi_qty is scanned within it. */
    private static final String[] SHORT_WINDOW = {"min_size=64kB", "min_stats_age=10s"};

    /** public."Order Items" with 20,000 rows, an index queries use and indexes that enforce something. */
    private static void seed(EmbeddedPostgres pg, String db) throws Exception {
        execute(pg, db,
                "CREATE TABLE public.customers (id bigint PRIMARY KEY)",
                "INSERT INTO public.customers SELECT generate_series(1, 100)",
                "CREATE TABLE public.\"Order Items\" (id bigint PRIMARY KEY, customer_id bigint REFERENCES public.customers,"
                        + " sku text, qty int, code text UNIQUE)",
                "INSERT INTO public.\"Order Items\" SELECT g, 1 + g % 100, 'sku' || g % 500, g % 7, 'c' || g FROM generate_series(1, 20000) g",
                "CREATE INDEX \"Order Items sku\" ON public.\"Order Items\" (sku)",
                "CREATE INDEX oi_qty ON public.\"Order Items\" (qty)",
                "CREATE INDEX oi_customer ON public.\"Order Items\" (customer_id)",
                // an exclusion constraint's index is not unique, yet enforces something unscanned
                "ALTER TABLE public.\"Order Items\" ADD EXCLUDE USING btree (id WITH =)",
                "VACUUM ANALYZE public.\"Order Items\"");
    }

    /** Waits until the statistics window is 10 s long, then scans oi_qty, so it was scanned within the last 10 s. */
    private static void scanOiQtyWithinShortWindow(EmbeddedPostgres pg, String db) throws Exception {
        Polling.until("a statistics window of 10 s", java.time.Duration.ofSeconds(30), () -> Boolean.TRUE.equals(queryValue(pg, db,
                "SELECT now() - greatest((SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()),"
                        + " (SELECT stats_reset FROM pg_stat_bgwriter), pg_postmaster_start_time()) > interval '10 s'")));
        execute(pg, db, "SET enable_seqscan = off; SELECT count(*) FROM public.\"Order Items\" WHERE qty = 3");
        Polling.untilTrue(pg, db, "SELECT idx_scan > 0 FROM pg_stat_user_indexes WHERE indexrelname = 'oi_qty'");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheIndexNoQueryScanned(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "unused_ix");
        seed(pg, db);
        scanOiQtyWithinShortWindow(pg, db);

        CheckResult result = Checks.run(url(pg, db), CHECK, SHORT_WINDOW);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        // not the scanned one, the primary key, the unique one, the exclusion constraint's nor the foreign key's
        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.\"Order Items sku\"");
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("index on public.\"Order Items\" has not been scanned once in ",
                " days of statistics (since ");
        assertThat(finding.remediation()).contains("a standby's queries never show in the primary's counters",
                "DROP INDEX CONCURRENTLY public.\"Order Items sku\";");
        assertThat(finding.rollback().strip())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"Order Items sku\" ON public.\"Order Items\" USING btree (sku);");
        assertThat(finding.evidence()).containsEntry("idx_scan", 0).containsEntry("partitioned", false);
        assertThat(finding.evidence().get("stats_since")).isNotNull();
    }

    @Test
    void remediationAndRollbackRunAsWritten() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "unused_ix_fix");
        seed(pg, db);
        scanOiQtyWithinShortWindow(pg, db);
        Finding finding = Checks.run(url(pg, db), CHECK, SHORT_WINDOW).findings().get(0);

        execute(pg, db, InvalidIndexesCheckTest.line(finding.remediation(), "DROP INDEX"));
        assertThat(Checks.run(url(pg, db), CHECK, SHORT_WINDOW).findings()).extracting(Finding::object)
                .doesNotContain("public.\"Order Items sku\"");
        execute(pg, db, finding.rollback().strip());
        assertThat(queryValue(pg, db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'Order Items sku'")).isEqualTo(1L);
    }

    @Test
    void skipsWhileTheStatisticsWindowIsShorterThanMinStatsAge() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "unused_ix_young");
        seed(pg, db);

        CheckResult result = Checks.run(url(pg, db), CHECK, "min_size=64kB");

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(((Outcome.Skipped) result.outcome()).reason()).contains("the statistics cover only ",
                "less than min_stats_age 7.0 days", "public.\"Order Items sku\" has no scans");
    }

    @Test
    void passesWhenEveryIndexIsScannedOrEnforcesSomething() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "unused_ix_healthy");
        seed(pg, db);
        execute(pg, db, "DROP INDEX public.\"Order Items sku\"");
        scanOiQtyWithinShortWindow(pg, db);

        assertThat(Checks.run(url(pg, db), CHECK, SHORT_WINDOW).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void judgesAPartitionedIndexOnceOverItsPartitions() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "unused_ix_partitioned");
        execute(pg, db, "CREATE TABLE public.events (id bigint, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO public.events SELECT g, date '2025-01-01' + g % 700 FROM generate_series(1, 20000) g",
                "CREATE INDEX events_id ON public.events (id)", "VACUUM ANALYZE public.events");

        CheckResult result = Checks.run(url(pg, db), CHECK, "min_size=64kB", "min_stats_age=0s");

        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.events_id");
        Finding finding = result.findings().get(0);
        assertThat(finding.evidence()).containsEntry("kind", "unused-partitioned").containsEntry("partitioned", true);
        assertThat(((Number) finding.evidence().get("index_bytes")).longValue())
                .isEqualTo(((Number) queryValue(pg, db, "SELECT pg_relation_size('public.events_2025_id_idx')"
                        + " + pg_relation_size('public.events_2026_id_idx')")).longValue());
        assertThat(finding.remediation()).contains("DROP INDEX public.events_id;");
        assertThat(finding.rollback()).contains("CREATE INDEX events_id ON ONLY public.events USING btree (id);");
    }

    /** From PostgreSQL 16 an index scanned before, but not for min_stats_age, counts as unused too. */
    @Test
    void failsForAnIndexLastScannedLongerAgoThanMinStatsAge() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "unused_ix_lastscan");
        seed(pg, db);
        execute(pg, db, "DROP INDEX public.\"Order Items sku\"");
        scanOiQtyWithinShortWindow(pg, db);
        Polling.untilTrue(pg, db, "SELECT last_idx_scan < now() - interval '2 seconds' FROM pg_stat_user_indexes WHERE indexrelname = 'oi_qty'");

        CheckResult result = Checks.run(url(pg, db), CHECK, "min_size=64kB", "min_stats_age=2s");

        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.oi_qty");
        assertThat(result.findings().get(0).message()).contains("was last scanned ", "(1 scans since ");
    }
}
