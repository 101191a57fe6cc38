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
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * disk-free judges host facts that 'pgwarden probe --host-only' writes on the database host: here the test's
 * own host, for the shared server's data directory and a tablespace of the test's. The thresholds are set
 * around the free fraction the filesystem really has, so the verdicts do not depend on this machine's disk.
 */
class DiskFreeCheckTest {

    private static final String CHECK = "disk-free";

    @TempDir
    Path dir;

    @Test
    void hostOnlyProbeOfTheServersDataDirectoryFailsItsFilesystemBelowTheMinimumAndPassesAbove() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "disk_free");
        String monitor = "monitor_" + db;
        Path dataDirectory = Path.of((String) PostgresServers.queryValue(pg, db, "SHOW data_directory"));
        Path location = Files.createDirectory(dir.resolve("tablespace"));
        Files.setOwner(location, Files.getOwner(dataDirectory));
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN", "GRANT pg_monitor TO " + monitor,
                "CREATE TABLESPACE " + db + " LOCATION '" + location + "'");
        try {
            long oid = ((Number) PostgresServers.queryValue(pg, db, "SELECT oid FROM pg_tablespace WHERE spcname = '" + db + "'")).longValue();
            Path probe = dir.resolve("host.json");
            CliRun written = CliRun.of("probe", "--host-only", "--data-dir", dataDirectory.toString(), "--out", probe.toString());
            FileStore store = Files.getFileStore(dataDirectory);
            double free = (double) store.getUsableSpace() / store.getTotalSpace();

            CheckResult low = Checks.runWithProbe(url(pg, db), probe, CHECK, "min_free_fraction=" + fraction(Math.min(1, free + 0.05)));
            CheckResult roomy = Checks.runWithProbe(url(pg, db), probe, CHECK, "min_free_fraction=" + fraction(Math.max(0, free - 0.05)));
            CheckResult asMonitor = Checks.runWithProbe(url(pg, db).replace("user=postgres", "user=" + monitor), probe, CHECK,
                    "min_free_fraction=1");

            assertThat(written.exitCode()).as(written.err()).isZero();
            assertThat(written.out()).startsWith("pgwarden: wrote " + probe + ": host facts of " + dataDirectory);
            assertThat(low.status()).isEqualTo(Status.FAILED);
            Path realData = dataDirectory.toRealPath();
            Finding finding = low.findings().stream().filter(f -> f.message().contains("data directory " + realData))
                    .findFirst().orElseThrow(() -> new AssertionError(low.findings()));
            assertThat(finding.object()).isEqualTo(mountPointOf(dataDirectory));
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.message()).contains("pg_wal " + dataDirectory.toRealPath().resolve("pg_wal"));
            assertThat(low.findings()).extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).contains("tablespace " + oid + " " + location.toRealPath()));
            assertThat(((Number) finding.evidence().get("total_bytes")).longValue()).isEqualTo(store.getTotalSpace());
            assertThat(finding.remediation()).contains("du -xh --max-depth=2 " + finding.object() + " | sort -h");
            assertThat(finding.rollback()).contains("Deleted files cannot be brought back");
            assertThat(roomy.status()).isEqualTo(Status.PASSED);
            assertThat(asMonitor.findings()).extracting(Finding::object).contains(finding.object());
        } finally {
            execute(pg, db, "DROP TABLESPACE " + db);
        }
    }

    @Test
    void withoutHostFactsOrWithAnotherDataDirectorysTheCheckSkipsSayingWhatToRun() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "disk_unknown");
        String dataDirectory = (String) PostgresServers.queryValue(pg, db, "SHOW data_directory");
        Path other = Files.createDirectories(dir.resolve("other/pg_wal")).getParent();
        Files.writeString(other.resolve("PG_VERSION"), "17\n");
        Path probe = dir.resolve("other.json");
        // Another data directory: the envelope's writer needs no running cluster for it, the command does.
        new dev.pgwarden.probe.ProbeEnvelopeWriter().write(dev.pgwarden.probe.ProbeReport.hostOnly(
                new dev.pgwarden.probe.HostFactsCollector().collect(other), 1), probe);

        CheckResult none = Checks.run(url(pg, db), CHECK);
        CheckResult mismatched = Checks.runWithProbe(url(pg, db), probe, CHECK);

        assertThat(none.status()).isEqualTo(Status.SKIPPED);
        assertThat(none.outcome().toString()).contains("no probe given: on the database host run 'pgwarden probe --host-only --data-dir "
                + dataDirectory + " --out host.json'", "then pass --probe host.json");
        assertThat(mismatched.status()).isEqualTo(Status.SKIPPED);
        assertThat(mismatched.outcome().toString()).contains("are of data directory " + other, "but the checked server's is " + dataDirectory);
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** What df says the path's mount point is. */
    private static String mountPointOf(Path path) throws Exception {
        Process df = new ProcessBuilder("df", "--output=target", path.toString()).start();
        List<String> lines = new String(df.getInputStream().readAllBytes()).strip().lines().toList();
        df.waitFor();
        return lines.get(lines.size() - 1).strip();
    }
}
