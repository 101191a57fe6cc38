package dev.pgwarden.checks;

import static dev.pgwarden.checks.InvalidIndexesCheckTest.line;
import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.queryValue;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * duplicate-indexes and overlapping-indexes over one database holding, each in a schema of its own, the
 * redundant indexes they must name and the look-alikes pg-index-health's users reported as false positives.
 * Each check runs once over all of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedundantIndexChecksTest {

    private static final String TABLE = "(id bigint, sku text, qty int, price numeric, deleted boolean)";

    /** Schema → statements; each schema's table is {@code <schema>.items} unless the statements say otherwise. */
    private static final Map<String, List<String>> LOOK_ALIKES = Map.ofEntries(
            // pg-index-health: expression indexes on the same column are different indexes
            Map.entry("expressions", List.of("CREATE INDEX ON expressions.items (lower(sku))",
                    "CREATE INDEX ON expressions.items (upper(sku))", "CREATE INDEX ON expressions.items (sku)")),
            // pg-index-health: partial indexes with other predicates (and intersected-index issue #66)
            Map.entry("partial", List.of("CREATE INDEX ON partial.items (sku) WHERE qty > 3",
                    "CREATE INDEX ON partial.items (sku) WHERE qty <= 3", "CREATE INDEX ON partial.items (sku, qty) WHERE NOT deleted")),
            // pg-index-health-sql #7: duplicated indexes with different collations
            Map.entry("collations", List.of("CREATE INDEX ON collations.items (sku)",
                    "CREATE UNIQUE INDEX ON collations.items (sku COLLATE \"C\")", "CREATE INDEX ON collations.items (sku COLLATE \"C\", qty)")),
            Map.entry("opclasses", List.of("CREATE INDEX ON opclasses.items (sku)",
                    "CREATE UNIQUE INDEX ON opclasses.items (sku text_pattern_ops)", "CREATE INDEX ON opclasses.items (sku text_pattern_ops, qty)")),
            // pg-index-health #48: index types told apart
            Map.entry("access_methods", List.of("CREATE INDEX ON access_methods.items USING hash (sku)",
                    "CREATE INDEX ON access_methods.items (sku)", "CREATE INDEX ON access_methods.items USING hash (qty)",
                    "CREATE INDEX ON access_methods.items (qty, sku)")),
            Map.entry("include_columns", List.of("CREATE INDEX ON include_columns.items (sku) INCLUDE (qty)",
                    "CREATE INDEX ON include_columns.items (sku) INCLUDE (price)",
                    "CREATE INDEX ON include_columns.items (qty) INCLUDE (price)", "CREATE INDEX ON include_columns.items (qty, sku)")),
            // pg-index-health #66 and #69: the primary key leading a wider index, a partial one too
            Map.entry("primary_key_prefix", List.of("ALTER TABLE primary_key_prefix.items ADD PRIMARY KEY (id)",
                    "CREATE INDEX ON primary_key_prefix.items (id, qty)",
                    "CREATE INDEX ON primary_key_prefix.items (id, sku) WHERE NOT deleted")),
            // exclusion constraints: their operators are not in the index; a btree one backs a constraint
            Map.entry("exclusion", List.of(
                    "ALTER TABLE exclusion.items ADD EXCLUDE USING gist (qty WITH =, id WITH <>)",
                    "ALTER TABLE exclusion.items ADD EXCLUDE USING gist (qty WITH =, id WITH =)",
                    "ALTER TABLE exclusion.items ADD EXCLUDE USING btree (sku WITH =)",
                    "CREATE INDEX ON exclusion.items (sku, qty)")),
            Map.entry("unique_prefix", List.of("CREATE UNIQUE INDEX ON unique_prefix.items (sku)",
                    "CREATE INDEX ON unique_prefix.items (sku, qty)")),
            Map.entry("sort_orders", List.of("CREATE INDEX ON sort_orders.items (sku, qty DESC)",
                    "CREATE INDEX ON sort_orders.items (sku, qty)")));

    private EmbeddedPostgres pg;
    private String db;
    private CheckResult duplicates;
    private CheckResult overlaps;

    @BeforeAll
    void seed() throws Exception {
        pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        db = createDatabase(pg, "redundant_ix");
        execute(pg, db, "CREATE EXTENSION btree_gist");
        for (Map.Entry<String, List<String>> schema : LOOK_ALIKES.entrySet()) {
            execute(pg, db, "CREATE SCHEMA " + schema.getKey(), "CREATE TABLE " + schema.getKey() + ".items " + TABLE);
            execute(pg, db, schema.getValue().toArray(String[]::new));
        }
        execute(pg, db,
                "CREATE TABLE public.\"Order Items\" " + TABLE,
                "CREATE INDEX oi_sku ON public.\"Order Items\" (sku)",
                "CREATE INDEX \"Order Items sku\" ON public.\"Order Items\" (sku)",
                "CREATE INDEX oi_sku_qty ON public.\"Order Items\" (sku, qty)",
                "CREATE INDEX oi_qty ON public.\"Order Items\" (qty)",
                "CREATE INDEX oi_qty_incl ON public.\"Order Items\" (qty) INCLUDE (price)",
                // which one to drop: the plain one, never the unique one; the one with fewer INCLUDE columns
                "CREATE TABLE public.customers (id bigint PRIMARY KEY, email text)",
                "CREATE INDEX customers_email_plain ON public.customers (email)",
                "CREATE UNIQUE INDEX customers_email_key ON public.customers (email)",
                "CREATE INDEX customers_id_incl ON public.customers (id) INCLUDE (email)",
                "CREATE INDEX customers_id_plain ON public.customers (id)",
                "ALTER TABLE public.customers ADD CONSTRAINT customers_id_unique UNIQUE (id)",
                "CREATE TABLE public.codes (code text)",
                "CREATE UNIQUE INDEX codes_plain ON public.codes (code)",
                "CREATE UNIQUE INDEX codes_nulls_not_distinct ON public.codes (code) NULLS NOT DISTINCT",
                // partitioned: judged once, on the parent's index, not on each partition's
                "CREATE TABLE public.events (id bigint, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE INDEX events_at ON public.events (at)",
                "CREATE INDEX events_at_again ON public.events (at)");
        duplicates = Checks.run(url(pg, db), "duplicate-indexes");
        overlaps = Checks.run(url(pg, db), "overlapping-indexes");
    }

    static Stream<Arguments> lookAlikes() {
        return LOOK_ALIKES.keySet().stream().sorted().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikes")
    void neitherCheckNamesIndexesThatOnlyLookRedundant(String schema) {
        assertThat(duplicates.findings()).extracting(Finding::object).noneMatch(o -> o.startsWith(schema + "."));
        assertThat(overlaps.findings()).extracting(Finding::object).noneMatch(o -> o.startsWith(schema + "."));
    }

    @Test
    void duplicatesNameTheIndexToDropAndKeepTheOneThatEnforcesMore() {
        assertThat(duplicates.status()).isEqualTo(Status.FAILED);
        assertThat(duplicates.findings()).extracting(Finding::object).containsExactlyInAnyOrder(
                "public.\"Order Items sku\"", "public.oi_qty", "public.customers_email_plain", "public.customers_id_plain",
                "public.customers_id_unique", "public.events_at_again", "public.codes_plain");
        assertThat(kept("public.customers_email_plain")).isEqualTo("public.customers_email_key");
        assertThat(kept("public.customers_id_plain")).isEqualTo("public.customers_pkey");
        assertThat(kept("public.oi_qty")).isEqualTo("public.oi_qty_incl");
        assertThat(kept("public.customers_id_unique")).isEqualTo("public.customers_pkey");
        assertThat(kept("public.events_at_again")).isEqualTo("public.events_at");
        assertThat(kept("public.codes_plain")).isEqualTo("public.codes_nulls_not_distinct");
    }

    @Test
    void duplicateFindingSaysWhatToRunAndHowToUndoIt() {
        Finding finding = finding(duplicates, "public.\"Order Items sku\"");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("index on public.\"Order Items\" duplicates public.oi_sku: every write updates both",
                "(CREATE INDEX \"Order Items sku\" ON public.\"Order Items\" USING btree (sku))");
        assertThat(finding.remediation()).contains("DROP INDEX CONCURRENTLY public.\"Order Items sku\";");
        assertThat(finding.rollback().strip())
                .isEqualTo("CREATE INDEX CONCURRENTLY \"Order Items sku\" ON public.\"Order Items\" USING btree (sku);");
        assertThat(finding.evidence()).containsEntry("kind", "duplicate").containsEntry("relation", "duplicate")
                .containsEntry("backs_constraint", false);
    }

    @Test
    void aDuplicateConstraintGoesByDroppingTheConstraintAndComesBackAsOne() {
        Finding finding = finding(duplicates, "public.customers_id_unique");
        assertThat(finding.evidence()).containsEntry("kind", "duplicate-constraint");
        assertThat(finding.remediation()).contains("ALTER TABLE public.customers DROP CONSTRAINT customers_id_unique;");
        assertThat(finding.rollback()).contains("ALTER TABLE public.customers ADD CONSTRAINT customers_id_unique UNIQUE (id);");
    }

    @Test
    void aPartitionedTableIsJudgedOnceOnItsOwnIndexes() {
        Finding finding = finding(duplicates, "public.events_at_again");
        assertThat(finding.remediation()).contains("DROP INDEX public.events_at_again;").doesNotContain("CONCURRENTLY");
        assertThat(finding.rollback().strip()).isEqualTo("CREATE INDEX events_at_again ON ONLY public.events USING btree (at);");
        assertThat(duplicates.findings()).extracting(Finding::object).noneMatch(o -> o.contains("events_202"));
    }

    @Test
    void overlapsNameTheShorterNonUniqueBtreeIndex() {
        assertThat(overlaps.status()).isEqualTo(Status.FAILED);
        assertThat(overlaps.findings()).extracting(Finding::object).containsExactly("public.oi_sku");
        Finding finding = overlaps.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("index on public.\"Order Items\" is a leading prefix of public.oi_sku_qty");
        assertThat(finding.remediation()).contains("DROP INDEX CONCURRENTLY public.oi_sku;");
        assertThat(finding.rollback().strip()).isEqualTo("CREATE INDEX CONCURRENTLY oi_sku ON public.\"Order Items\" USING btree (sku);");
    }

    @Test
    void remediationAndRollbackRunAsWritten() throws Exception {
        String database = createDatabase(pg, "redundant_ix_fix");
        execute(pg, database, "CREATE TABLE public.\"Order Items\" " + TABLE,
                "CREATE INDEX oi_sku ON public.\"Order Items\" (sku)",
                "CREATE INDEX \"Order Items sku\" ON public.\"Order Items\" (sku)");
        Finding finding = Checks.run(url(pg, database), "duplicate-indexes").findings().get(0);

        execute(pg, database, line(finding.remediation(), "DROP INDEX"));
        assertThat(Checks.run(url(pg, database), "duplicate-indexes").status()).isEqualTo(Status.PASSED);
        execute(pg, database, finding.rollback().strip());
        assertThat(queryValue(pg, database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'Order Items sku'")).isEqualTo(1L);
    }

    @Test
    void bothPassOnAHealthyDatabase() throws Exception {
        String database = createDatabase(pg, "redundant_ix_healthy");
        execute(pg, database, "CREATE TABLE public.items (id bigint PRIMARY KEY, sku text UNIQUE, qty int)",
                "CREATE INDEX ON public.items (qty, sku)");

        assertThat(Checks.run(url(pg, database), "duplicate-indexes").status()).isEqualTo(Status.PASSED);
        assertThat(Checks.run(url(pg, database), "overlapping-indexes").status()).isEqualTo(Status.PASSED);
    }

    private String kept(String object) {
        return (String) finding(duplicates, object).evidence().get("kept_index_name");
    }

    private static Finding finding(CheckResult result, String object) {
        return result.findings().stream().filter(f -> f.object().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding for " + object + " in " + result.findings()));
    }
}
