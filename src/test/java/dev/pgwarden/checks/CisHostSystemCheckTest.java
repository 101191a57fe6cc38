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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cis-host-system on host facts that 'pgwarden probe --host-only' writes, as root, for the shared Debian PostgreSQL
 * 15 cluster: passwords are planted in a home directory under /home and in processes this class starts, and removed
 * after each test. The host's own state (Debian's package, no systemd, no pgBackRest) is the failing case of the
 * package, service and backup controls; their passing case is the envelope as a host that has them writes it.
 */
class CisHostSystemCheckTest {

    private static final String CHECK = "cis-host-system";
    private static final String SECRET = "s3cret-not-to-be-recorded";
    private static DebianCluster cluster;
    private static String url;

    @TempDir
    Path dir;
    private Path home;
    private final List<Process> started = new java.util.ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the CIS host controls read /etc/shadow, other users' homes and processes: run the tests as root");
        cluster = DebianCluster.shared();
        String db = cluster.createDatabase("cis_host_system");
        url = cluster.url(db).replace("user=postgres", "user=" + cluster.monitorRole(db));
    }

    @AfterEach
    void removePlanted() throws Exception {
        started.forEach(Process::destroyForcibly);
        if (home != null) {
            new ProcessBuilder("rm", "-rf", home.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path probe() throws Exception {
        Path file = dir.resolve("host-" + System.nanoTime() + ".json");
        CliRun written = CliRun.of("probe", "--host-only", "--data-dir", cluster.dataDirectory().toString(), "--out", file.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(Files.readString(file)).doesNotContain(SECRET);
        return file;
    }

    private Path home(String... files) throws Exception {
        home = Files.createDirectories(Path.of("/home", "pgwarden-cis-" + System.nanoTime()));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(home.resolve(files[i]), files[i + 1]);
        }
        return home;
    }

    private Process startProcess(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static List<Finding> naming(CheckResult result, String control, Path under) {
        return findingsOf(result, control).stream().filter(f -> f.object().startsWith(under.toString())).toList();
    }

    @Test
    void theHostAsItIsFailsPackageServiceAndBackupAndPassesTheExtensionDirectoryAndTheLockedAccount() throws Exception {
        Assumptions.assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd runs here: the cluster could be in a unit");
        Assumptions.assumeTrue(Files.notExists(Path.of("/usr/bin/pgbackrest")), "pgBackRest is installed here");
        CheckResult result = Checks.runWithProbe(url, probe(), CHECK);

        assertThat(result.details().controlIds()).isEqualTo("1.1, 1.1.1, 1.3, 1.5, 1.6, 1.7, 2.2, 2.3, 2.4, 4.1, 5.1, 7.3, 8.2");
        assertThat(findingsOf(result, "1.1.1")).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("postgresql-15");
            assertThat(f.message()).contains("/usr/lib/postgresql/15/bin/postgres", "not from PostgreSQL's own repository");
        });
        assertThat(findingsOf(result, "1.1")).as("Debian's package comes from deb.debian.org").isEmpty();
        assertThat(findingsOf(result, "1.3")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("runs in no systemd service"));
        assertThat(findingsOf(result, "8.2")).singleElement().satisfies(f -> assertThat(f.message()).contains("pgBackRest is not installed"));
        assertThat(findingsOf(result, "7.3")).hasSize(1);
        assertThat(findingsOf(result, "2.2")).as("Debian's /usr/share/postgresql/15/extension is 0755 root:root").isEmpty();
        assertThat(findingsOf(result, "4.1")).as("Debian's postgres user has a locked password").isEmpty();
    }

    @Test
    void passwordsInAProfileAHistoryAndAServiceFileFailNamingFileAndLineNeverThePassword() throws Exception {
        Path planted = home(".bashrc", "alias ll='ls -l'\nexport PGPASSWORD=" + SECRET + "\n", ".psql_history", "ALTER ROLE app PASSWORD '" + SECRET + "';\n",
                ".pg_service.conf", "[app]\nhost=db\npassword=" + SECRET + "\n");
        CheckResult result = Checks.runWithProbe(url, probe(), CHECK);

        assertThat(naming(result, "1.6", planted)).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo(planted.resolve(".bashrc").toString());
            assertThat(f.message()).contains("(line 2)", "sets PGPASSWORD").doesNotContain(SECRET);
            assertThat(f.remediation()).contains("Delete the PGPASSWORD line from " + planted.resolve(".bashrc"), "~/.pgpass");
        });
        assertThat(naming(result, "2.3", planted)).extracting(Finding::object).containsExactly(planted.resolve(".psql_history").toString());
        assertThat(naming(result, "2.4", planted)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(planted.resolve(".pg_service.conf") + " (line 3)").doesNotContain(SECRET));
    }

    @Test
    void aProfileWithoutPgpasswordAHistoryLinkedToDevNullAndAServiceFileWithoutPasswordPass() throws Exception {
        Path planted = home(".bashrc", "# PGPASSWORD comes from ~/.pgpass\nalias ll='ls -l'\n", ".pg_service.conf", "[app]\nhost=db\n");
        Files.createSymbolicLink(planted.resolve(".psql_history"), Path.of("/dev/null"));
        CheckResult result = Checks.runWithProbe(url, probe(), CHECK);

        assertThat(naming(result, "1.6", planted)).isEmpty();
        assertThat(naming(result, "2.3", planted)).isEmpty();
        assertThat(naming(result, "2.4", planted)).isEmpty();
    }

    @Test
    void processesWithPgpasswordInTheirEnvironmentOrAPasswordOnTheirCommandLineFailNamingThem() throws Exception {
        ProcessBuilder withEnvironment = new ProcessBuilder("sleep", "120");
        withEnvironment.environment().put("PGPASSWORD", SECRET);
        Process environment = startProcess(withEnvironment);
        Process commandLine = startProcess(new ProcessBuilder("sh", "-c", "sleep 120", "postgresql://app:" + SECRET + "@db.example/app"));
        Process clean = startProcess(new ProcessBuilder("sleep", "120"));

        CheckResult result = Checks.runWithProbe(url, probe(), CHECK);

        assertThat(findingsOf(result, "1.7")).extracting(Finding::object)
                .contains("/proc/" + environment.pid() + "/environ").doesNotContain("/proc/" + clean.pid() + "/environ");
        assertThat(findingsOf(result, "5.1")).filteredOn(f -> f.object().equals("/proc/" + commandLine.pid() + "/cmdline")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("pid " + commandLine.pid(), "user root", "ps -ef").doesNotContain(SECRET));
        assertThat(findingsOf(result, "5.1")).extracting(Finding::object).doesNotContain("/proc/" + clean.pid() + "/cmdline");
    }

    @Test
    void withoutThePlantedProcessesNoProcessOfTheTestHoldsAPassword() throws Exception {
        Process clean = startProcess(new ProcessBuilder("sleep", "120"));
        CheckResult result = Checks.runWithProbe(url, probe(), CHECK);

        assertThat(findingsOf(result, "1.7")).extracting(Finding::object).doesNotContain("/proc/" + clean.pid() + "/environ",
                "/proc/" + ProcessHandle.current().pid() + "/environ");
        Assumptions.assumeTrue(findingsOf(result, "1.7").isEmpty() && findingsOf(result, "5.1").isEmpty(),
                "another process on this host holds a password: " + findingsOf(result, "1.7") + findingsOf(result, "5.1"));
    }

    @Test
    void anExtensionDirectoryTheGroupMayWriteFails() throws Exception {
        Path extensions = Path.of("/usr/share/postgresql/15/extension");
        Assumptions.assumeTrue(Files.isDirectory(extensions), "Debian's PostgreSQL 15 extension directory is missing");
        Path weakened;
        run("chmod 0775 " + extensions);
        try {
            weakened = probe();
        } finally {
            run("chmod 0755 " + extensions);
        }
        assertThat(findingsOf(Checks.runWithProbe(url, weakened, CHECK), "2.2")).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo(extensions.toString());
            assertThat(f.message()).contains("mode 0775 and owner root:root");
            assertThat(f.rollback()).isEqualTo("chown root:root " + extensions + " && chmod 0775 " + extensions);
        });
    }

    private static void run(String command) throws Exception {
        assertThat(new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor()).as(command).isZero();
    }

    @Test
    void aHostWithPgdgsNewestPackageAnEnabledUnitALockedAccountAndABackupPassesThoseControls() throws Exception {
        Path good = edited(probe(), system -> {
            system.put("service_unit", "postgresql@15-main.service").put("service_state", "enabled").put("login", "locked")
                    .put("pgbackrest", true);
            ObjectNode pkg = (ObjectNode) system.get("packages").get(0);
            pkg.put("version", "15.20-1.pgdg120+1").put("candidate", "15.20-1.pgdg120+1");
            pkg.putArray("origins").add("http://apt.postgresql.org/pub/repos/apt bookworm-pgdg/main");
            system.putArray("backup_stanzas").addObject().put("name", "main").put("status", "ok").put("backups", 2);
        });
        CheckResult result = Checks.runWithProbe(url, good, CHECK);

        for (String control : List.of("1.1", "1.1.1", "1.3", "1.5", "4.1", "7.3", "8.2")) {
            assertThat(findingsOf(result, control)).as(control).isEmpty();
        }
    }

    @Test
    void aPackageFromAFileAnAccountWithAPasswordAndADisabledUnitFail() throws Exception {
        Path bad = edited(probe(), system -> {
            system.put("service_unit", "postgresql@15-main.service").put("service_state", "disabled").put("login", "set");
            ((ObjectNode) system.get("packages").get(0)).putArray("origins");
            system.put("pgbackrest", true).putArray("backup_stanzas").addObject().put("name", "main").put("status", "no valid backups")
                    .put("backups", 0);
        });
        CheckResult result = Checks.runWithProbe(url, bad, CHECK);

        assertThat(findingsOf(result, "1.1")).singleElement().satisfies(f -> assertThat(f.message()).contains("installed from a file"));
        assertThat(findingsOf(result, "1.3")).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("postgresql@15-main.service");
            assertThat(f.message()).contains("which is disabled");
        });
        assertThat(findingsOf(result, "4.1")).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("postgres");
            assertThat(f.remediation()).contains("passwd -l postgres");
        });
        assertThat(findingsOf(result, "8.2")).isEmpty();
        assertThat(findingsOf(result, "7.3")).singleElement().satisfies(f -> assertThat(f.message()).contains("main (no valid backups, 0 backups)"));
    }

    @Test
    void hostFactsWithoutTheSystemAreSkippedNamingTheProbeCommand() throws Exception {
        Path old = dir.resolve("old.json");
        ObjectNode envelope = (ObjectNode) new ObjectMapper().readTree(probe().toFile());
        ((ObjectNode) envelope.get("host_facts").get("access")).remove("system");
        new ObjectMapper().writeValue(old.toFile(), envelope);

        CheckResult result = Checks.runWithProbe(url, old, CHECK);

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).contains("pgwarden probe --host-only --data-dir " + cluster.dataDirectory(), "as root");
    }

    private Path edited(Path probe, Consumer<ObjectNode> change) throws Exception {
        ObjectNode envelope = (ObjectNode) new ObjectMapper().readTree(probe.toFile());
        change.accept((ObjectNode) envelope.get("host_facts").get("access").get("system"));
        Path file = dir.resolve("edited-" + System.nanoTime() + ".json");
        new ObjectMapper().writeValue(file.toFile(), envelope);
        return file;
    }
}
