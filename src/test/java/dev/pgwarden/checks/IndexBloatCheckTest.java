package dev.pgwarden.checks;

import static dev.pgwarden.checks.InvalidIndexesCheckTest.line;
import static dev.pgwarden.checks.TableBloatCheckTest.churn;
import static dev.pgwarden.checks.TableBloatCheckTest.fill;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Index bloat made for real: four in five rows deleted across every leaf page, then vacuumed. */
class IndexBloatCheckTest {

    private static final String CHECK = "index-bloat";
    private static final String MIN_WASTED = "min_wasted=1MB";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheBloatedIndexesOnly(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "index_bloat");
        fill(pg, db, "public.\"Order Items\"", "");
        execute(pg, db, "CREATE INDEX \"Order Items id\" ON public.\"Order Items\" (id)",
                "CREATE INDEX oi_expression ON public.\"Order Items\" ((id * 2))");
        churn(pg, db, "public.\"Order Items\"");
        // built after the deletes: compact, on an expression and partial
        execute(pg, db, "CREATE INDEX oi_fresh_expression ON public.\"Order Items\" ((id * 3))",
                "CREATE INDEX oi_fresh_partial ON public.\"Order Items\" (id) WHERE id % 2 = 0",
                "ANALYZE public.\"Order Items\"");

        CheckResult result = Checks.run(url(pg, db), CHECK, MIN_WASTED);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object)
                .containsExactly("public.\"Order Items id\"", "public.oi_expression");
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("estimated from statistics: about ")
                .contains("index on public.\"Order Items\" is free space beyond its fillfactor");
        assertThat((Double) finding.evidence().get("estimated_bloat_fraction")).isBetween(0.6, 0.85);
        assertThat(finding.remediation()).contains("REINDEX INDEX CONCURRENTLY public.\"Order Items id\";");
        assertThat(finding.rollback()).startsWith("Nothing to undo");
    }

    @Test
    void remediationRunsAsWrittenAndTheIndexThenPasses() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "index_bloat_fix");
        fill(pg, db, "public.\"Order Items\"", "");
        execute(pg, db, "CREATE INDEX \"Order Items id\" ON public.\"Order Items\" (id)");
        churn(pg, db, "public.\"Order Items\"");
        Finding finding = Checks.run(url(pg, db), CHECK, MIN_WASTED).findings().get(0);

        execute(pg, db, line(finding.remediation(), "REINDEX"));

        assertThat(Checks.run(url(pg, db), CHECK, "min_wasted=100kB").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void passesOnIndexesBuiltOverTheirRows() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "index_bloat_healthy");
        fill(pg, db, "public.orders", ", sku text DEFAULT md5(random()::text)");
        execute(pg, db, "CREATE INDEX ON public.orders (id)", "CREATE INDEX ON public.orders (sku, id)",
                "CREATE INDEX ON public.orders (lower(sku))", "VACUUM ANALYZE public.orders");

        assertThat(Checks.run(url(pg, db), CHECK, "min_wasted=100kB").status()).isEqualTo(Status.PASSED);
    }
}
