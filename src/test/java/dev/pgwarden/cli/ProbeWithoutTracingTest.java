package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeSignals;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe given a cluster and {@code --url} on a host that cannot trace still samples the wait events, and its file
 * says per signal why the rest was not measured; the checks needing those signals skip with that reason.
 */
class ProbeWithoutTracingTest {

    @TempDir
    Path dir;

    @Test
    void aHostThatCannotTraceRecordsWhyAndTheTracedChecksSkipWithIt() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "probe_untraced");
        String monitorUrl = MonitorRole.urlFor(pg, db);
        String dataDirectory = (String) PostgresServers.queryValue(pg, db, "SELECT current_setting('data_directory')");
        Path missing = dir.resolve("no-bpftrace");
        Path out = dir.resolve("untraced.json");

        CliRun run = CliRun.of("probe", "--data-dir", dataDirectory, "--bpftrace", missing.toString(),
                "--url", monitorUrl, "--duration", "300ms", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("not tracing, sampling wait events only: bpftrace not found at " + missing);
        ProbeReport report = new ProbeInputReader(null).envelope(out).orElseThrow();
        for (String signal : new String[] {ProbeSignals.READS, ProbeSignals.STATEMENTS, ProbeSignals.LOCK_WAITS}) {
            assertThat(report.signals().status(signal).reason()).as(signal).isEqualTo("bpftrace not found at " + missing);
        }
        assertThat(report.signals().status(ProbeSignals.WAIT_EVENTS).measured()).isTrue();
        CheckResult queryLatency = Checks.runWithProbe(monitorUrl, out, "query-latency");
        CheckResult readLatency = Checks.runWithProbe(monitorUrl, out, "read-latency");
        assertThat(queryLatency.status()).isEqualTo(Status.SKIPPED);
        assertThat(queryLatency.outcome().toString()).contains("did not measure statements: bpftrace not found at " + missing);
        assertThat(readLatency.status()).isEqualTo(Status.SKIPPED);
        assertThat(readLatency.outcome().toString()).contains("sampled pg_stat_activity only: bpftrace not found at " + missing);
    }

    @Test
    void withoutUrlNothingCouldBeMeasuredAndTheProbeFailsAsBefore() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String dataDirectory = (String) PostgresServers.queryValue(pg, "postgres", "SELECT current_setting('data_directory')");
        Path out = dir.resolve("x.json");

        CliRun run = CliRun.of("probe", "--data-dir", dataDirectory, "--bpftrace", dir.resolve("none").toString(),
                "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(ProbeCommand.USAGE);
        assertThat(run.err()).contains("pgwarden: bpftrace not found at ");
        assertThat(out).doesNotExist();
    }

    @Test
    void urlAloneRecordsTheTracedSignalsAsNotMeasuredForWantOfACluster() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(17);
        String db = createDatabase(pg, "probe_url_alone");
        Path out = dir.resolve("alone.json");

        CliRun run = CliRun.of("probe", "--url", MonitorRole.urlFor(pg, db), "--duration", "200ms", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        ProbeReport report = new ProbeInputReader(null).envelope(out).orElseThrow();
        assertThat(report.signals().status(ProbeSignals.READS).reason()).startsWith(ProbeReport.NO_CLUSTER);
        assertThat(report.signals().status(ProbeSignals.STATEMENTS).reason()).startsWith(ProbeReport.NO_CLUSTER);
    }
}
