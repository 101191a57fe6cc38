package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.cli.CommandLineRun;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * read-latency judges a real bpftrace capture (src/test/resources/probe/captured) against a real server,
 * whose settings the remediation and rollback quote.
 */
class ReadLatencyCheckTest {

    /** 81,453 page-cache reads: p50 in [1, 2) µs, p99 in [4, 8) µs; 55 device reads with p99 in [16, 32) ms. */
    static final String CAPTURE = "src/test/resources/probe/captured/probe-json.out";
    static EmbeddedPostgres pg;
    static String db;

    @BeforeAll
    static void server() throws Exception {
        pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        db = createDatabase(pg, "latency");
    }

    private static CommandLineRun check(String... more) {
        String[] args = new String[7 + more.length];
        System.arraycopy(new String[] {"check", "--url", url(pg, db), "--check", "read-latency", "--format", "console"}, 0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        return CommandLineRun.of(args);
    }

    @Test
    void failsWhenP99ExceedsItsLimitNamingTheHistogramWithBucketBoundsAndCapturedSettings() {
        CommandLineRun run = check("--probe", CAPTURE, "--set", "read-latency.p99_max=2us");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains("[warning] p99 of reads_us reads (" + CAPTURE + " (bpftrace json))")
                .containsPattern("p99 read latency ≈ \\d+ µs \\(bucket 4–8 µs\\) exceeds p99_max 2 µs, over 81453 reads")
                .contains("shared_buffers is 128MB")
                .contains("shared_buffers needs a restart of the server (context postmaster): book a change window.")
                // A session setting: changed for the database, not server-wide, and reset there by the rollback.
                .contains("ALTER DATABASE " + db + " SET effective_io_concurrency = 200;\n")
                .contains("effective_io_concurrency takes effect in new sessions of database " + db + ", without a reload or restart")
                .contains("rollback:")
                .contains("ALTER DATABASE " + db + " RESET effective_io_concurrency;\n")
                .doesNotContain("ALTER SYSTEM SET effective_io_concurrency");
    }

    /** A value the database sets itself is what the rollback sets back, there; the statements run as written. */
    @Test
    void rollbackRestoresADatabaseLevelValueWhereItWasSet() throws Exception {
        String own = createDatabase(pg, "latency_own");
        PostgresServers.execute(pg, "postgres", "ALTER DATABASE " + own + " SET effective_io_concurrency = 50");
        String[] args = {"check", "--url", url(pg, own), "--check", "read-latency", "--format", "console",
                "--probe", CAPTURE, "--set", "read-latency.p99_max=2us"};
        CommandLineRun run = CommandLineRun.of(args);

        String change = "ALTER DATABASE " + own + " SET effective_io_concurrency = 200;";
        String restore = "ALTER DATABASE " + own + " SET effective_io_concurrency = '50';";
        assertThat(run.out())
                .contains("effective_io_concurrency is 50 (level: database)")
                .contains(change)
                .contains(restore);
        PostgresServers.execute(pg, own, change);
        assertThat(PostgresServers.queryValue(pg, own, "SELECT setconfig::text FROM pg_db_role_setting "
                + "WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .isEqualTo("{effective_io_concurrency=200}");
        PostgresServers.execute(pg, own, restore);
        assertThat(PostgresServers.queryValue(pg, own, "SELECT setconfig::text FROM pg_db_role_setting "
                + "WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .isEqualTo("{effective_io_concurrency=50}");
    }

    @Test
    void passesWithDefaultThresholdsOnPageCacheReads() {
        CommandLineRun run = check("--probe", CAPTURE);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("passed   read-latency");
    }

    @Test
    void deviceReadsOverTheCriticalLimitAreCritical() {
        CommandLineRun run = check("--probe", CAPTURE, "--probe-map", "device_reads", "--set", "read-latency.min_samples=10",
                "--set", "read-latency.p99_critical=20ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[critical] p99 of device_reads_us reads").contains("bucket 16384–32768 µs");
    }

    @Test
    void tooFewSamplesSkipWithTheCount() {
        CommandLineRun run = check("--probe", CAPTURE, "--probe-map", "device_reads");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("skipped  read-latency", "only 55 reads measured", "fewer than min_samples 1000");
    }

    @Test
    void withoutAProbeItIsSkippedWithTheCommandThatMakesOne() {
        CommandLineRun run = check();

        assertThat(run.exitCode()).isZero();
        // Run in-process, neither by a launcher nor as java -jar: the installed name.
        assertThat(run.out()).contains("skipped  read-latency", "run 'sudo pgwarden probe --duration 30s --out probe.json'");
    }
}
