package dev.pgwarden.checks;

import static dev.pgwarden.checks.CisSettingsCheckTest.findingsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.DebianCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cis-host on host facts that 'pgwarden probe --host-only' writes, as root, for a Debian PostgreSQL 15 cluster
 * of this class: its socket directory and data directory are weakened and restored around each test. Its
 * pg_wal was moved to /dev/shm (another filesystem) and its socket is 0770, so the shared Debian cluster (pg_wal in
 * the data directory, unix_socket_permissions' default 0777) is the failing case of those two controls.
 */
class CisHostCheckTest {

    private static final String CHECK = "cis-host";
    private static DebianCluster cluster;
    private static String url;
    private static Path movedWal;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the CIS host controls read other users' files and /proc/PID/status: run the tests as root");
        cluster = DebianCluster.builder().setting("unix_socket_permissions", "0770").start();
        movedWal = Files.createTempDirectory(Path.of("/dev/shm"), "pgwarden-wal-");
        Path wal = cluster.dataDirectory().resolve("pg_wal");
        run(cluster.program("pg_ctl", "-D", cluster.dataDirectory().toString(), "-w", "stop"));
        run(new ProcessBuilder("sh", "-c", "cp -a " + wal + "/. " + movedWal + "/ && rm -rf " + wal + " && ln -s " + movedWal + " " + wal
                + " && chown -h postgres:postgres " + wal + " " + movedWal + " && chmod 0700 " + movedWal));
        run(cluster.program("pg_ctl", "-D", cluster.dataDirectory().toString(), "-w", "-l",
                cluster.dataDirectory().getParent().resolve("server.log").toString(), "start"));
        String db = cluster.createDatabase("cis_host");
        url = cluster.url(db).replace("user=postgres", "user=" + cluster.monitorRole(db));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
            run(new ProcessBuilder("rm", "-rf", movedWal.toString()));
        }
    }

    private static void run(ProcessBuilder command) throws Exception {
        Process process = command.inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command.command())).isZero();
    }

    /** Host facts of this class's cluster collected while a shell command has weakened it; the other restores it. */
    private Path probeWhile(String weaken, String restore) throws Exception {
        run(new ProcessBuilder("sh", "-c", weaken));
        try {
            return probe(cluster);
        } finally {
            run(new ProcessBuilder("sh", "-c", restore));
        }
    }

    private Path probe(DebianCluster of) {
        Path file = dir.resolve("host-" + System.nanoTime() + ".json");
        CliRun written = CliRun.of("probe", "--host-only", "--data-dir", of.dataDirectory().toString(), "--out", file.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        return file;
    }

    @Test
    void theClusterAsSetUpPassesEveryHostControlButFips() {
        CheckResult result = Checks.runWithProbe(url, probe(cluster), CHECK);

        assertThat(result.findings()).extracting(CisSettingsCheckTest::control).containsOnly(fipsOrNothing());
        assertThat(result.details().controlIds()).isEqualTo("1.4.1, 1.4.2, 1.4.4, 2.1, 2.5, 2.6, 2.7, 6.7");
    }

    private static String[] fipsOrNothing() {
        try {
            return "1".equals(Files.readString(Path.of("/proc/sys/crypto/fips_enabled")).strip()) ? new String[0] : new String[] {"6.7"};
        } catch (java.io.IOException e) {
            return new String[] {"6.7"};
        }
    }

    @Test
    void dataDirectoryOfMode0750OwnedByAnotherUserFails() throws Exception {
        Path data = cluster.dataDirectory();
        Path weakened = probeWhile("chmod 0750 " + data + " && chown nobody " + data, "chmod 0700 " + data + " && chown postgres " + data);
        assertThat(findingsOf(Checks.runWithProbe(url, weakened, CHECK), "2.7")).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo(data.toString());
            assertThat(f.message()).contains("mode 0750 and owner nobody:postgres", "the server's user postgres");
            assertThat(f.remediation()).contains("chown postgres: " + data + " && chmod 0700 " + data);
            assertThat(f.rollback()).isEqualTo("chown nobody:postgres " + data + " && chmod 0750 " + data);
        });
    }

    @Test
    void socketDirectoryOfMode0777Fails() throws Exception {
        Path sockets = cluster.socketDirectory();
        String before = Files.getPosixFilePermissions(sockets).toString();
        Path weakened = probeWhile("chmod 0777 " + sockets, "chmod 0711 " + sockets);
        assertThat(before).doesNotContain("OTHERS_WRITE");
        assertThat(findingsOf(Checks.runWithProbe(url, weakened, CHECK), "2.6")).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo(sockets.toString());
            assertThat(f.message()).contains("the socket directory has mode 0777");
        });
    }

    @Test
    void pgHbaConfReadableByEveryoneFails() throws Exception {
        Path hba = cluster.dataDirectory().resolve("pg_hba.conf");
        Path weakened = probeWhile("chmod 0644 " + hba, "chmod 0600 " + hba);
        assertThat(findingsOf(Checks.runWithProbe(url, weakened, CHECK), "2.5")).extracting(Finding::object).containsExactly(hba.toString());
    }

    @Test
    void pgVersionOfAnotherMajorFails() throws Exception {
        Path version = cluster.dataDirectory().resolve("PG_VERSION");
        Path weakened = probeWhile("echo 14 > " + version, "echo 15 > " + version);
        assertThat(findingsOf(Checks.runWithProbe(url, weakened, CHECK), "1.4.1")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("PG_VERSION says 14", "the server is PostgreSQL 15"));
    }

    @Test
    void walOnTheDataDirectorysFilesystemAndASocketEveryoneMayUseFailOnTheClusterLeftAsInitdbMadeIt() throws Exception {
        DebianCluster shared = DebianCluster.shared();
        String db = shared.createDatabase("cis_host_shared");
        String sharedUrl = shared.url(db).replace("user=postgres", "user=" + shared.monitorRole(db));

        CheckResult result = Checks.runWithProbe(sharedUrl, probe(shared), CHECK);

        assertThat(findingsOf(result, "1.4.4")).singleElement().satisfies(f -> assertThat(f.message()).contains("pg_wal is on"));
        assertThat(findingsOf(result, "2.6")).extracting(Finding::object)
                .containsExactly(shared.socketDirectory().resolve(".s.PGSQL." + shared.port()).toString());
    }

    @Test
    void umaskAndFipsAreJudgedFromTheEnvelope() throws Exception {
        Path open = edited(probe(cluster), access -> access.put("umask", "0022").put("fips_enabled", true));
        CheckResult result = Checks.runWithProbe(url, open, CHECK);

        assertThat(findingsOf(result, "2.1")).singleElement().satisfies(f -> assertThat(f.message()).contains("umask 0022"));
        assertThat(findingsOf(result, "6.7")).isEmpty();
    }

    @Test
    void hostFactsWithoutAccessAreSkippedNamingTheProbeCommand() throws Exception {
        Path old = dir.resolve("old.json");
        ObjectNode envelope = (ObjectNode) new ObjectMapper().readTree(probe(cluster).toFile());
        ((ObjectNode) envelope.get("host_facts")).remove("access");
        new ObjectMapper().writeValue(old.toFile(), envelope);

        CheckResult result = Checks.runWithProbe(url, old, CHECK);

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).contains("pgwarden probe --host-only --data-dir " + cluster.dataDirectory(), "as root");
        assertThat(Checks.run(url, CHECK).reason()).contains("pgwarden probe --host-only");
    }

    private Path edited(Path probe, Consumer<ObjectNode> change) throws Exception {
        ObjectNode envelope = (ObjectNode) new ObjectMapper().readTree(probe.toFile());
        change.accept((ObjectNode) envelope.get("host_facts").get("access"));
        Path file = dir.resolve("edited-" + System.nanoTime() + ".json");
        new ObjectMapper().writeValue(file.toFile(), envelope);
        return file;
    }

}
