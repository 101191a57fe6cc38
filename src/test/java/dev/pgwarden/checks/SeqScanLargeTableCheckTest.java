package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.superuser;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeqScanLargeTableCheckTest {

    private static final String CHECK = "seq-scan-large-table";
    private static final int SCANS = 120;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsForLargeTableReadBySequentialScans(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "seqscan");
        createPageViews(pg, db);
        repeat(pg, db, "SELECT count(*) FROM public.page_views WHERE user_id = ?", SCANS);
        awaitScans(pg, db, "seq_scan", SCANS);

        CheckResult result = Checks.run(url(pg, db), CHECK, "min_size=1MB");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("public.page_views");
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("table scanned sequentially " + SCANS + " times (" + SCANS * 60_000 + " rows read) against 0 index scans");
        assertThat(finding.remediation())
                .contains("Find the queries that scan public.page_views (install pg_stat_statements")
                .contains("CREATE INDEX CONCURRENTLY page_views_pgwarden_idx ON public.page_views (<filter columns>);");
        assertThat(finding.rollback()).isEqualTo("DROP INDEX CONCURRENTLY public.page_views_pgwarden_idx;");
        assertThat(finding.evidence())
                .containsEntry("kind", "seq-scans")
                .containsEntry("seq_scan", SCANS)
                .containsEntry("seq_tup_read", SCANS * 60_000)
                .containsEntry("idx_scan", 0)
                .containsEntry("statements_available", false);
        assertThat(((Number) finding.evidence().get("table_bytes")).longValue()).isGreaterThanOrEqualTo(1 << 20);
        if (major >= 16) {
            assertThat(finding.evidence().get("last_seq_scan")).isNotNull();
            assertThat(finding.message()).contains("; last sequential scan ");
        } else {
            assertThat(finding.evidence()).containsEntry("last_seq_scan", null);
            assertThat(finding.message()).doesNotContain("last sequential scan");
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWhenIndexScansOutnumberSequentialScans(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "seqscan_indexed");
        createPageViews(pg, db);
        execute(pg, db, "CREATE INDEX page_views_user_id_idx ON public.page_views (user_id)");
        repeat(pg, db, "SELECT count(*) FROM public.page_views WHERE url = '/page/' || ?", SCANS);
        repeat(pg, db, "SELECT count(*) FROM public.page_views WHERE user_id = ?", 2 * SCANS);
        awaitScans(pg, db, "seq_scan", SCANS);
        awaitScans(pg, db, "idx_scan", 2 * SCANS);

        CheckResult result = Checks.run(url(pg, db), CHECK, "min_size=1MB");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesForSmallTableScannedOften(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "seqscan_small");
        execute(pg, db,
                "CREATE TABLE public.countries (code text, name text)",
                "INSERT INTO public.countries SELECT 'c' || g, 'country ' || g FROM generate_series(1, 250) g",
                "VACUUM (ANALYZE) public.countries");
        repeat(pg, db, "SELECT name FROM public.countries WHERE code = 'c' || ?", 2 * SCANS);
        Polling.untilTableStatistics(pg, db, "public.countries", "seq_scan >= " + 2 * SCANS);

        CheckResult result = Checks.run(url(pg, db), CHECK, "min_size=1MB");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }

    @org.junit.jupiter.api.Test
    void remediationAndRollbackRunAsWrittenForANameThatNeedsQuoting() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "seqscan_quoted");
        execute(pg, db,
                "CREATE SCHEMA \"Web\"",
                "CREATE TABLE \"Web\".\"PageViews\" (id bigint, user_id int, url text)",
                "INSERT INTO \"Web\".\"PageViews\" SELECT g, g % 5000, '/page/' || (g % 97) FROM generate_series(1, 60000) g",
                "VACUUM (ANALYZE) \"Web\".\"PageViews\"");
        repeat(pg, db, "SELECT count(*) FROM \"Web\".\"PageViews\" WHERE user_id = ?", SCANS);
        Polling.untilTableStatistics(pg, db, "\"Web\".\"PageViews\"", "seq_scan >= " + SCANS);

        CheckResult result = Checks.run(url(pg, db), CHECK, "min_size=1MB");

        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("\"Web\".\"PageViews\"");
        String create = finding.remediation().lines().map(String::strip)
                .filter(line -> line.startsWith("CREATE INDEX")).findFirst().orElseThrow();
        assertThat(create).isEqualTo("CREATE INDEX CONCURRENTLY \"PageViews_pgwarden_idx\" ON \"Web\".\"PageViews\" (<filter columns>);");
        assertThat(finding.rollback()).isEqualTo("DROP INDEX CONCURRENTLY \"Web\".\"PageViews_pgwarden_idx\";");
        execute(pg, db, create.replace("<filter columns>", "user_id"));
        assertThat(indexes(pg, db)).isEqualTo(1);
        execute(pg, db, finding.rollback());
        assertThat(indexes(pg, db)).isZero();
    }

    private static long indexes(EmbeddedPostgres pg, String db) throws Exception {
        try (Connection c = superuser(pg, db);
             java.sql.ResultSet rows = c.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_indexes WHERE schemaname = 'Web' AND tablename = 'PageViews'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** About 4 MB of rows, vacuumed so relpages (the check's prefilter) knows its size. */
    private static void createPageViews(EmbeddedPostgres pg, String db) throws Exception {
        execute(pg, db,
                "CREATE TABLE public.page_views (id bigint, user_id int, url text)",
                "INSERT INTO public.page_views SELECT g, g % 5000, '/page/' || (g % 97) FROM generate_series(1, 60000) g");
        execute(pg, db, "VACUUM (ANALYZE) public.page_views");
    }

    /** Runs a query with one integer parameter {@code times} times in one session, then closes it to flush statistics. */
    private static void repeat(EmbeddedPostgres pg, String db, String sql, int times) throws Exception {
        try (Connection c = superuser(pg, db); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < times; i++) {
                query.setInt(1, i);
                query.executeQuery().close();
            }
        }
    }

    private static void awaitScans(EmbeddedPostgres pg, String db, String counter, int atLeast) throws Exception {
        Polling.untilTableStatistics(pg, db, "public.page_views", counter + " >= " + atLeast);
    }
}
