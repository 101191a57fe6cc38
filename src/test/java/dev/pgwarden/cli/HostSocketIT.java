package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.DebianCluster;
import dev.pgwarden.testing.Polling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar the build just made, run on the database host as cron runs it there: as the {@code postgres} OS user,
 * over the Unix socket of Debian's PostgreSQL 15, whose pg_hba.conf lets local connections in by peer
 * authentication only, with no password anywhere; and with connection services from a service file. The same
 * check runs over TCP too, to compare verdicts. Needs root, to run the jar as {@code postgres} and as root.
 */
class HostSocketIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static DebianCluster cluster;
    private static Path work;
    private static Path jar;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "runs pgwarden as the postgres OS user and as root, so the tests must run as root");
        cluster = DebianCluster.builder().hba(List.of("local all all peer", "host all all 127.0.0.1/32 trust")).start();
        // A directory of the postgres user's: its home, the service files and a copy of the jar it can read.
        work = Files.createTempDirectory("pgwarden-host-");
        jar = Files.copy(Path.of("target/pgwarden.jar"), work.resolve("pgwarden.jar"), StandardCopyOption.REPLACE_EXISTING);
        for (String database : List.of("app_a", "app_b")) {
            cluster.execute("postgres", "CREATE DATABASE " + database);
            neverAnalyzed(database, "public.only_in_" + database);
        }
        neverAnalyzed("postgres", "public.invoices");
        Files.writeString(work.resolve(".pg_service.conf"), String.join("\n",
                "# both databases of this host, over its socket",
                "[a]", "host=" + cluster.socketDirectory(), "port=" + cluster.port(), "dbname=app_a",
                "[b]", "host=" + cluster.socketDirectory(), "port=" + cluster.port(), "dbname=app_b", ""));
        run(List.of("chown", "-R", "postgres:postgres", work.toString()), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (work != null) {
            run(List.of("rm", "-rf", work.toString()), Map.of());
        }
    }

    /** A table with rows and never analyzed (autovacuum is off for it), which missing-analyze fails on. */
    private static void neverAnalyzed(String database, String table) throws Exception {
        cluster.execute(database, "CREATE TABLE " + table + " (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO " + table + " SELECT generate_series(1, 2000)");
        Polling.until("statistics of " + table, Duration.ofSeconds(20), () -> {
            try (Connection c = cluster.superuser(database); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass")) {
                return r.next() && r.getLong(1) >= 2000;
            }
        });
    }

    private static String socketDirectory() {
        return cluster.socketDirectory().toString();
    }

    private static String port() {
        return Integer.toString(cluster.port());
    }

    @Test
    void pghostAndPgportAloneReachTheSocketAndJudgeAsOverTcp() throws Exception {
        Run socket = asPostgres(Map.of("PGHOST", socketDirectory(), "PGPORT", port()));
        Run tcp = asPostgres(Map.of(), "--url", "postgresql://postgres@127.0.0.1:" + port() + "/postgres");

        assertThat(socket.out()).contains("pgwarden: postgresql://postgres@/postgres?host=" + socketDirectory() + "&port=" + port());
        assertThat(socket.exit()).as(socket.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(socket.out()).contains("FAILED   missing-analyze", "public.invoices", "passed   xid-age");
        assertThat(socket.err()).isEmpty();
        assertThat(verdicts(socket)).as("the same verdicts as over TCP").isEqualTo(verdicts(tcp)).hasSize(2);
        assertThat(tcp.exit()).isEqualTo(socket.exit());
    }

    @Test
    void aUriNamingTheSocketDirectoryReachesItToo() throws Exception {
        Run run = asPostgres(Map.of(), "--url", "postgresql:///postgres?host=" + socketDirectory() + "&port=" + port());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("FAILED   missing-analyze", "public.invoices", "passed   xid-age");
    }

    @Test
    void theSameRunAsRootIsRefusedByTheServerInItsOwnWords() throws Exception {
        Run run = pgwarden(List.of(), Map.of("PGHOST", socketDirectory(), "PGPORT", port(), "HOME", work.toString()));
        Run asPostgresRole = pgwarden(List.of(), Map.of("PGHOST", socketDirectory(), "PGPORT", port(), "PGUSER", "postgres",
                "HOME", work.toString()));

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("role \"root\" does not exist");
        assertThat(asPostgresRole.exit()).as(asPostgresRole.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(asPostgresRole.err()).contains("pgwarden: cannot log in to postgresql://postgres@/postgres?host=" + socketDirectory()
                + "&port=" + port() + ": authentication failed: Peer authentication failed for user \"postgres\"");
    }

    @Test
    void pgserviceAndServiceInTheUrlReachTheirDatabases() throws Exception {
        Run a = asPostgres(Map.of("PGSERVICE", "a"));
        Run b = asPostgres(Map.of(), "--url", "postgresql:///?service=b");

        assertThat(a.exit()).as(a.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(a.out()).contains("/app_a?host=", "public.only_in_app_a").doesNotContain("only_in_app_b");
        assertThat(b.exit()).as(b.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(b.out()).contains("/app_b?host=", "public.only_in_app_b").doesNotContain("only_in_app_a");
    }

    @Test
    void aMissingServiceIsAUsageErrorNamingTheFilesSearched() throws Exception {
        Run run = asPostgres(Map.of("PGSERVICE", "c", "PGSYSCONFDIR", work.resolve("etc").toString()));

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("pgwarden: definition of service 'c' (PGSERVICE) not found; searched "
                + work.resolve(".pg_service.conf") + ", " + work.resolve("etc/pg_service.conf") + " (no such file)");
    }

    /** The check's verdict lines, without the finding's details and timings. */
    private static List<String> verdicts(Run run) {
        return run.out().lines().filter(line -> line.startsWith("FAILED ") || line.startsWith("passed "))
                .map(line -> line.replaceAll("\\s+\\(.*$", "")).toList();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run asPostgres(Map<String, String> environment, String... args) throws Exception {
        Map<String, String> env = new TreeMap<>(environment);
        env.put("HOME", work.toString());
        return pgwarden(List.of("/usr/sbin/runuser", "-u", "postgres", "--"), env, args);
    }

    /** {@code pgwarden check} of two checks, console only, with exactly these PG* variables and HOME. */
    private static Run pgwarden(List<String> as, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(as);
        command.add("env");
        environment.forEach((name, value) -> command.add(name + "=" + value));
        command.addAll(List.of(JAVA.toString(), "-jar", jar.toString(), "check"));
        command.addAll(List.of(args));
        command.addAll(List.of("--check", "missing-analyze", "--check", "xid-age", "--format", "console"));
        return run(command, Map.of());
    }

    private static Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("JAVA_") || name.equals("HOME"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("pgwarden-out", ".txt");
        Path err = Files.createTempFile("pgwarden-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
