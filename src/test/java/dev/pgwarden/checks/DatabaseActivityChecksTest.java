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
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * temp-files and cache-hit-ratio judge every database of the server, so the class starts a server per major
 * with 1MB of shared buffers, where a 10MB table cannot stay cached. Each test first resets the counters of
 * the databases it did not make, judges them healthy, then makes its own database unhealthy and drops it.
 */
class DatabaseActivityChecksTest {

    private static final PerMajorServers SERVERS = new PerMajorServers(major -> {
        EmbeddedPostgres pg = PostgresServers.builder(major).setServerConfig("shared_buffers", "1MB")
                .setServerConfig("max_connections", "20").start();
        execute(pg, "postgres", "CREATE ROLE monitor LOGIN", "GRANT pg_monitor TO monitor");
        return pg;
    });

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.close();
    }

    private static EmbeddedPostgres smallCache(int major) throws Exception {
        return SERVERS.get(major);
    }

    /** Starts the counters of the databases that came with the server afresh. */
    private static void resetOtherDatabases(EmbeddedPostgres pg) throws Exception {
        execute(pg, "postgres", "SELECT pg_stat_reset()");
        execute(pg, "template1", "SELECT pg_stat_reset()");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void tempFilesFailTheDatabaseThatSpillsAndNameItsWorkMem(int major) throws Exception {
        EmbeddedPostgres pg = smallCache(major);
        resetOtherDatabases(pg);
        String db = createDatabase(pg, "spilling");
        try {
            // generate_series spills its rows to a temporary file too: the counters start after the table is made.
            execute(pg, db, "CREATE TABLE wide AS SELECT g AS id, md5(g::text) AS note FROM generate_series(1, 100000) g",
                    "ALTER DATABASE " + db + " SET work_mem = '64kB'");
            Polling.untilTrue(pg, db, "SELECT temp_bytes > 0 FROM pg_stat_database WHERE datname = current_database()");
            execute(pg, db, "SELECT pg_stat_reset()");
            Polling.untilTrue(pg, db, "SELECT temp_bytes = 0 FROM pg_stat_database WHERE datname = current_database()");
            CheckResult healthy = Checks.run(url(pg, db), "temp-files", "min_window=0s", "max_temp_bytes_per_hour=1MB");
            execute(pg, db, "SELECT * FROM wide ORDER BY note OFFSET 100000");
            Polling.untilTrue(pg, db, "SELECT temp_bytes > 1000000 FROM pg_stat_database WHERE datname = current_database()");

            CheckResult spilling = Checks.run(url(pg, db), "temp-files", "min_window=0s", "max_temp_bytes_per_hour=1MB");
            CheckResult freshWindow = Checks.run(url(pg, db), "temp-files", "max_temp_bytes_per_hour=1MB");
            CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=monitor"), "temp-files",
                    "min_window=0s", "max_temp_bytes_per_hour=1MB");

            assertThat(healthy.status()).as(healthy.toString()).isEqualTo(Status.PASSED);
            assertThat(spilling.status()).isEqualTo(Status.FAILED);
            assertThat(spilling.findings()).hasSize(1);
            Finding finding = spilling.findings().get(0);
            assertThat(finding.object()).isEqualTo(db);
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.message()).contains("temporary files over", "per hour (limit 1048576 bytes)", "work_mem 64kB (database level)");
            assertThat(finding.evidence()).containsEntry("work_mem", "64kB").containsEntry("work_mem_level", "database");
            assertThat(((Number) finding.evidence().get("temp_bytes")).longValue()).isGreaterThan(1_000_000L);
            assertThat(finding.remediation()).contains("ALTER DATABASE " + db + " SET work_mem = '",
                    "ALTER ROLE <role> IN DATABASE " + db + " SET work_mem");
            assertThat(finding.rollback()).contains("ALTER DATABASE " + db + " SET work_mem = '64kB';");
            // Minutes of statistics are not an hour's pattern.
            assertThat(freshWindow.status()).isEqualTo(Status.PASSED);
            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly(db);
        } finally {
            execute(pg, "postgres", "DROP DATABASE " + db);
        }
    }

    @Test
    void aTemplateDatabaseThatCreateDatabaseReadIsNotJudged() throws Exception {
        EmbeddedPostgres pg = smallCache(17);
        resetOtherDatabases(pg);
        // From 15, CREATE DATABASE copies its template through shared buffers, block by block.
        String db = createDatabase(pg, "from_template");
        try {
            Polling.untilTrue(pg, "postgres", "SELECT blks_read > 0 FROM pg_stat_database WHERE datname = 'template1'");

            CheckResult result = Checks.run(url(pg, db), "cache-hit-ratio", "min_reads=1", "min_ratio=1");

            assertThat(result.findings()).extracting(Finding::object).doesNotContain("template1", "template0");
        } finally {
            execute(pg, "postgres", "DROP DATABASE " + db);
        }
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void cacheHitRatioFailsTheDatabaseReadingATableLargerThanSharedBuffers(int major) throws Exception {
        EmbeddedPostgres pg = smallCache(major);
        resetOtherDatabases(pg);
        String db = createDatabase(pg, "uncached");
        try {
            // About 20 pages: under a quarter of shared buffers, so scans keep them cached (no ring buffer).
            execute(pg, db, "CREATE TABLE small AS SELECT g AS id FROM generate_series(1, 4000) g");
            execute(pg, db, "SELECT pg_stat_reset()");
            // Every new session reads some catalog pages; thousands of cached scans outweigh them.
            execute(pg, db, "SELECT count(*) FROM small;".repeat(3000));
            Polling.untilTrue(pg, db, "SELECT blks_hit >= 50000 FROM pg_stat_database WHERE datname = current_database()");
            CheckResult healthy = Checks.run(url(pg, db), "cache-hit-ratio", "min_reads=150");

            execute(pg, db, "CREATE TABLE large AS SELECT g AS id, md5(g::text) AS note FROM generate_series(1, 150000) g",
                    "SELECT pg_stat_reset()", "SELECT count(*) FROM large", "SELECT count(*) FROM large");
            Polling.untilTrue(pg, db, "SELECT blks_read > 1000 FROM pg_stat_database WHERE datname = current_database()");
            CheckResult uncached = Checks.run(url(pg, db), "cache-hit-ratio", "min_reads=1000");
            CheckResult tooFewReads = Checks.run(url(pg, db), "cache-hit-ratio");
            CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=monitor"), "cache-hit-ratio", "min_reads=1000");

            assertThat(healthy.status()).as(healthy.toString()).isEqualTo(Status.PASSED);
            assertThat(uncached.status()).isEqualTo(Status.FAILED);
            assertThat(uncached.findings()).extracting(Finding::object).containsExactly(db);
            Finding finding = uncached.findings().get(0);
            assertThat(finding.message()).startsWith("buffer cache hit ratio 0.").contains("(minimum 0.9900)", "(1MB)");
            assertThat((double) finding.evidence().get("hit_ratio")).isLessThan(0.5);
            assertThat(finding.remediation()).contains("shared_buffers is 1MB", "FROM pg_statio_user_tables",
                    "ALTER SYSTEM SET shared_buffers = '<about 25% of RAM>';",
                    "shared_buffers is set on the server's command line, which outranks ALTER SYSTEM", "a restart of the server applies them");
            assertThat(finding.rollback()).contains("(1MB, from command line)");
            assertThat(finding.remediation()).contains(major >= 16 ? "relation reads since" : "not measured before PostgreSQL 16");
            if (major >= 16) {
                // Two scans of a table over a quarter of shared buffers go through the bulkread ring.
                assertThat(((Number) finding.evidence().get("bulk_read_share")).doubleValue()).isGreaterThan(0.5);
            }
            // Fewer than 100000 block accesses: too little to judge.
            assertThat(tooFewReads.status()).isEqualTo(Status.PASSED);
            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly(db);
        } finally {
            execute(pg, "postgres", "DROP DATABASE " + db);
        }
    }
}
