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
                .contains("shared_buffers is 128MB", "ALTER SYSTEM RESET effective_io_concurrency; SELECT pg_reload_conf();");
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
        assertThat(run.out()).contains("skipped  read-latency", "probe --duration 30s --out probe.json");
    }
}
