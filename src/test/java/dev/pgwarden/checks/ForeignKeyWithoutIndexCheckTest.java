package dev.pgwarden.checks;

import static dev.pgwarden.checks.InvalidIndexesCheckTest.line;
import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForeignKeyWithoutIndexCheckTest {

    private static final String CHECK = "foreign-key-without-index";

    /** public.customers and a child table {@code schema.table} referencing it with 2,000 analyzed rows. */
    private static void child(EmbeddedPostgres pg, String db, String table, String... indexes) throws SQLException {
        execute(pg, db, "CREATE TABLE IF NOT EXISTS public.customers (id bigint PRIMARY KEY, region int, UNIQUE (id, region))",
                "INSERT INTO public.customers SELECT g, g % 3 FROM generate_series(1, 100) g ON CONFLICT DO NOTHING",
                "CREATE TABLE " + table + " (id bigint, customer_id bigint REFERENCES public.customers, region int, note text)",
                "INSERT INTO " + table + " SELECT g, 1 + g % 100, (1 + g % 100) % 3, 'n' FROM generate_series(1, 2000) g");
        execute(pg, db, indexes);
        execute(pg, db, "ANALYZE " + table);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheTableAndTheForeignKey(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "fk_noindex");
        child(pg, db, "public.\"Order Items\"",
                // neither an expression of the column nor an index it does not lead counts
                "CREATE INDEX ON public.\"Order Items\" (lower(customer_id::text))",
                "CREATE INDEX ON public.\"Order Items\" (id, customer_id)");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.\"Order Items\"");
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).isEqualTo("foreign key \"Order Items_customer_id_fkey\" (customer_id) references public.customers, "
                + "but no index of this table (about 2000 rows) starts with those columns: each DELETE or key UPDATE on public.customers scans it");
        assertThat(finding.remediation().strip())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"Order Items_customer_id_idx\" ON public.\"Order Items\" (customer_id);");
        assertThat(finding.rollback().strip()).isEqualTo("DROP INDEX CONCURRENTLY public.\"Order Items_customer_id_idx\";");
        assertThat(finding.evidence()).containsEntry("constraint_name", "\"Order Items_customer_id_fkey\"")
                .containsEntry("estimated_rows", 2000).containsEntry("partitioned", false);
    }

    @Test
    void remediationAndRollbackRunAsWritten() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "fk_noindex_fix");
        child(pg, db, "public.\"Order Items\"");
        Finding finding = Checks.run(url(pg, db), CHECK).findings().get(0);

        execute(pg, db, finding.remediation().strip());
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
        execute(pg, db, finding.rollback().strip());
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void passesWhenEachForeignKeyLeadsAValidIndexOfAnyShape() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "fk_indexed");
        execute(pg, db, "CREATE EXTENSION btree_gist");
        child(pg, db, "public.plain", "CREATE INDEX ON public.plain (customer_id)");
        child(pg, db, "public.wider", "CREATE INDEX ON public.wider (customer_id, note)");
        // the lookup is customer_id = $1, which implies the predicate
        child(pg, db, "public.partial", "CREATE INDEX ON public.partial (customer_id) WHERE customer_id IS NOT NULL");
        child(pg, db, "public.excluded", "ALTER TABLE public.excluded ADD EXCLUDE USING gist (customer_id WITH =, id WITH =)");
        child(pg, db, "public.pair", "ALTER TABLE public.pair DROP CONSTRAINT pair_customer_id_fkey",
                "ALTER TABLE public.pair ADD FOREIGN KEY (customer_id, region) REFERENCES public.customers (id, region)",
                "CREATE INDEX ON public.pair (region, customer_id)");
        child(pg, db, "public.small_child", "CREATE INDEX ON public.small_child (customer_id)");
        execute(pg, db, "CREATE TABLE public.small (customer_id bigint REFERENCES public.customers)",
                "INSERT INTO public.small SELECT 1 + g % 100 FROM generate_series(1, 500) g", "ANALYZE public.small");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.findings()).isEmpty();
        assertThat(result.status()).isEqualTo(Status.PASSED);
        assertThat(Checks.run(url(pg, db), CHECK, "min_rows=100").findings()).extracting(Finding::object)
                .containsExactly("public.small");
    }

    @Test
    void anInvalidIndexDoesNotCount() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "fk_invalid");
        child(pg, db, "public.orders");
        assertThatThrownBy(() -> execute(pg, db, "CREATE UNIQUE INDEX CONCURRENTLY orders_customer ON public.orders (customer_id)"))
                .isInstanceOf(SQLException.class);

        assertThat(Checks.run(url(pg, db), CHECK).findings()).extracting(Finding::object).containsExactly("public.orders");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void aTableJustLoadedCountsByItsLiveRowsBeforeAnyVacuumOrAnalyze(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "fk_fresh");
        execute(pg, db, "CREATE TABLE public.customers (id bigint PRIMARY KEY)",
                "INSERT INTO public.customers SELECT generate_series(1, 100)",
                "CREATE TABLE public.orders (id bigint, customer_id bigint REFERENCES public.customers) WITH (autovacuum_enabled = off)",
                "INSERT INTO public.orders SELECT g, 1 + g % 100 FROM generate_series(1, 3000) g",
                "CREATE INDEX ON public.orders (id)");
        Polling.untilTableStatistics(pg, db, "public.orders", "n_live_tup = 3000");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.orders");
        assertThat(result.findings().get(0).evidence()).containsEntry("estimated_rows", 3000);
    }

    @Test
    void aPartitionedTableIsJudgedOnceWithItsPartitionsRowsSummed() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "fk_partitioned");
        execute(pg, db, "CREATE TABLE public.customers (id bigint PRIMARY KEY)",
                "INSERT INTO public.customers SELECT generate_series(1, 100)",
                "CREATE TABLE public.events (customer_id bigint REFERENCES public.customers, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO public.events SELECT 1 + g % 100, date '2025-06-01' + g % 365 FROM generate_series(1, 1400) g",
                "ANALYZE public.events");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.events");
        Finding finding = result.findings().get(0);
        assertThat(finding.evidence()).containsEntry("partitioned", true).containsEntry("kind", "unindexed-partitioned")
                .containsEntry("estimated_rows", 1400);
        execute(pg, db, line(finding.remediation(), "CREATE INDEX"));
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
        execute(pg, db, finding.rollback().strip());
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.FAILED);
    }
}
