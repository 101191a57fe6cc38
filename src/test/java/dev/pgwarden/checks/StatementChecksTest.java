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
import dev.pgwarden.testing.PerMajorServers;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * statement-latency and pg-stat-statements-missing. The embedded binaries ship pg_stat_statements, so the class
 * starts a server per major with it in shared_preload_libraries; the shared server, which lacks it, shows the
 * library missing. Each test works in a database of its own: the checks read the connected database's statements.
 */
class StatementChecksTest {

    private static final PerMajorServers SERVERS = new PerMajorServers(major ->
            PostgresServers.builder(major).setServerConfig("shared_preload_libraries", "pg_stat_statements").start());

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.close();
    }

    private static EmbeddedPostgres preloaded(int major) throws Exception {
        return SERVERS.get(major);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void statementLatencyFailsNamingTheSlowStatementWithoutItsLiterals(int major) throws Exception {
        EmbeddedPostgres pg = preloaded(major);
        String db = createDatabase(pg, "slow_statements");
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE EXTENSION pg_stat_statements", "CREATE ROLE " + monitor + " LOGIN", "GRANT pg_monitor TO " + monitor,
                "CREATE ROLE secretive LOGIN");
        try (Connection c = PostgresServers.superuser(pg, db); Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                s.execute("SELECT pg_sleep(0.02)");
                // A utility statement: its text keeps the literal before PostgreSQL 16.
                s.execute("ALTER ROLE secretive PASSWORD 'hunter2-" + i + "'");
            }
        }
        long queryid = ((Number) PostgresServers.queryValue(pg, db,
                "SELECT queryid FROM pg_stat_statements WHERE query LIKE 'SELECT pg_sleep%'")).longValue();

        CheckResult healthy = Checks.run(url(pg, db), "statement-latency", "min_calls=10");
        CheckResult result = Checks.run(url(pg, db), "statement-latency", "min_calls=10", "max_mean=10ms");
        CheckResult everything = Checks.run(url(pg, db), "statement-latency", "min_calls=1", "max_mean=0us");
        CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor),
                "statement-latency", "min_calls=10", "max_mean=10ms");

        assertThat(healthy.status()).as(healthy.toString()).isEqualTo(Status.PASSED);
        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).hasSize(1);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("queryid:" + queryid);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("20 calls by postgres, mean ").contains("limit 10 ms", "SELECT pg_sleep($1)");
        assertThat(((Number) finding.evidence().get("mean_ms")).doubleValue()).isGreaterThan(19);
        assertThat(((Number) finding.evidence().get("p99_bound_ms")).doubleValue())
                .isLessThanOrEqualTo(((Number) finding.evidence().get("max_ms")).doubleValue());
        assertThat(finding.evidence()).containsEntry("query_start", "SELECT pg_sleep($1)").containsEntry("calls", 20);
        if (major >= 17) {
            assertThat(finding.evidence().get("stats_since")).isNotNull();
        }
        assertThat(finding.remediation()).contains("WHERE queryid = " + queryid + ";", "pg_stat_statements_reset(0, 0, " + queryid + ")");
        assertThat(finding.rollback()).contains("DROP INDEX CONCURRENTLY");
        assertThat(everything.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("ALTER ROLE … (utility statement"));
        assertThat(everything.findings()).allSatisfy(f -> assertThat(f.message() + f.remediation() + f.evidence()).doesNotContain("hunter2"));
        assertThat(asMonitor.status()).isEqualTo(Status.FAILED);
        assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly("queryid:" + queryid);
    }

    /**
     * The tail a normal estimate misses: 98% of calls sleep 1 ms, 2% sleep 50 ms, one pg_stat_statements entry. The
     * true p99 is 50 ms; mean + 2.326 × stddev says about 18 ms, under a 25 ms limit. The bound fails it, and passes
     * it under 100 ms.
     */
    @Test
    void aSkewedTailThatTheNormalEstimatePassesFailsOnTheBound() throws Exception {
        EmbeddedPostgres pg = preloaded(17);
        String db = createDatabase(pg, "skewed_statements");
        execute(pg, db, "CREATE EXTENSION pg_stat_statements");
        try (Connection c = PostgresServers.superuser(pg, db); Statement s = c.createStatement()) {
            for (int i = 0; i < 200; i++) {
                s.execute(i % 50 == 49 ? "SELECT pg_sleep(0.05)" : "SELECT pg_sleep(0.001)");
            }
        }

        CheckResult strict = Checks.run(url(pg, db), "statement-latency", "min_calls=100", "max_p99=25ms");
        CheckResult loose = Checks.run(url(pg, db), "statement-latency", "min_calls=100", "max_p99=100ms");

        assertThat(strict.status()).isEqualTo(Status.FAILED);
        Finding finding = strict.findings().get(0);
        assertThat(finding.message()).startsWith("200 calls by postgres").contains("(limit 25 ms; the true p99 is at most this)",
                "SELECT pg_sleep($1)");
        double mean = ((Number) finding.evidence().get("mean_ms")).doubleValue();
        double stddev = ((Number) finding.evidence().get("stddev_ms")).doubleValue();
        double bound = ((Number) finding.evidence().get("p99_bound_ms")).doubleValue();
        assertThat(mean + 2.326 * stddev).as("the normal estimate the check used to judge").isLessThan(25);
        assertThat(bound).isGreaterThanOrEqualTo(50).isEqualTo(((Number) finding.evidence().get("max_ms")).doubleValue());
        assertThat(loose.status()).as(loose.toString()).isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void withoutTheExtensionInTheDatabaseOneCheckFailsNamingItAndTheOtherSkipsSayingWhy(int major) throws Exception {
        EmbeddedPostgres pg = preloaded(major);
        String db = createDatabase(pg, "no_extension");

        CheckResult missing = Checks.run(url(pg, db), "pg-stat-statements-missing");
        CheckResult latency = Checks.run(url(pg, db), "statement-latency");

        assertThat(missing.status()).isEqualTo(Status.FAILED);
        Finding finding = missing.findings().get(0);
        assertThat(finding.object()).isEqualTo(db);
        assertThat(finding.message()).contains("loaded but the extension is not created in this database");
        assertThat(finding.remediation()).contains("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;");
        assertThat(finding.rollback()).contains("Connected to " + db + ": DROP EXTENSION IF EXISTS pg_stat_statements;");
        assertThat(latency.status()).isEqualTo(Status.SKIPPED);
        assertThat(latency.outcome().toString()).contains("not created in database " + db);

        execute(pg, db, "CREATE EXTENSION pg_stat_statements");
        assertThat(Checks.run(url(pg, db), "pg-stat-statements-missing").status()).isEqualTo(Status.PASSED);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {17})
    void anExtensionOffTheSearchPathSkipsStatementLatencyRatherThanPassingOnNothing(int major) throws Exception {
        EmbeddedPostgres pg = preloaded(major);
        String db = createDatabase(pg, "hidden_extension");
        execute(pg, db, "CREATE SCHEMA monitoring", "CREATE EXTENSION pg_stat_statements SCHEMA monitoring");

        CheckResult latency = Checks.run(url(pg, db), "statement-latency");

        assertThat(latency.status()).isEqualTo(Status.SKIPPED);
        assertThat(latency.outcome().toString()).contains("created in schema monitoring, which is not on the search_path");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void withoutTheLibraryPreloadedTheServerIsNamedAndStatementLatencySkips(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "no_preload");
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN", "GRANT pg_monitor TO " + monitor,
                // Created without the library loaded: reading its view fails until a restart with it preloaded.
                "CREATE EXTENSION pg_stat_statements");

        CheckResult missing = Checks.run(url(pg, db), "pg-stat-statements-missing");
        CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), "pg-stat-statements-missing");
        CheckResult latency = Checks.run(url(pg, db), "statement-latency");

        assertThat(missing.status()).isEqualTo(Status.FAILED);
        Finding finding = missing.findings().get(0);
        assertThat(finding.object()).isEqualTo("127.0.0.1:" + pg.getPort());
        assertThat(finding.message()).startsWith("pg_stat_statements is not in shared_preload_libraries ('')");
        assertThat(finding.remediation()).contains("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';",
                "shared_preload_libraries needs a restart of the server");
        assertThat(finding.rollback()).contains("ALTER SYSTEM RESET shared_preload_libraries;", "then restart");
        assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly(finding.object());
        assertThat(latency.status()).isEqualTo(Status.SKIPPED);
        assertThat(latency.outcome().toString()).contains("not in shared_preload_libraries");
    }
}
