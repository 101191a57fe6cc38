package dev.pgwarden.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.testing.DebianCluster;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball {@code mvn package} built, unpacked where it was never built and run as a machine without Java
 * would run it: no JAVA_HOME, no java on PATH, an empty HOME.
 */
class DistributionIT {

    private static final String VERSION = System.getProperty("pgwarden.test.project_version");
    private static final Path TARBALL = Path.of("target", "pgwarden-" + VERSION + "-linux-x64.tar.gz").toAbsolutePath();

    @TempDir
    static Path unpacked;
    @TempDir
    static Path home;
    @TempDir
    static Path path;
    private static Path distribution;
    private static String unhealthyUrl;

    @BeforeAll
    static void unpackAndStart() throws Exception {
        assertThat(TARBALL).as("built by mvn package").isRegularFile();
        Result tar = run(List.of("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString()), Map.of("PATH", System.getenv("PATH")));
        assertThat(tar.exit()).as(tar.toString()).isZero();
        distribution = unpacked.resolve("pgwarden-" + VERSION);
        // Only what the launcher itself calls, so no java can be found on PATH.
        for (String tool : List.of("dirname", "readlink")) {
            Files.createSymbolicLink(path.resolve(tool), Path.of(which(tool)));
        }
        EmbeddedPostgres postgres = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String database = PostgresServers.createDatabase(postgres, "distribution");
        Problems.neverAnalyzedTable(postgres, database, "public.invoices", 2000);
        unhealthyUrl = PostgresServers.url(postgres, database);
    }

    @Test
    void holdsTheRuntimeTheJarItsArchiveDocumentationAndNotices() {
        assertThat(Files.isExecutable(distribution.resolve("bin/pgwarden"))).isTrue();
        assertThat(Files.isExecutable(distribution.resolve("runtime/bin/java"))).isTrue();
        assertThat(distribution.resolve("runtime/lib/server/classes.jsa")).as("the runtime's own CDS archive").isNotEmptyFile();
        assertThat(distribution.resolve("lib/pgwarden.jar")).isNotEmptyFile();
        assertThat(distribution.resolve("lib/pgwarden.jsa")).as("the archive trained by the build").isNotEmptyFile();
        assertThat(distribution.resolve("share/man/man1/pgwarden.1")).content().contains(".TH PGWARDEN 1", ".SS \"pgwarden check\"",
                "\\fB\\-\\-url\\fR \\fIURL\\fR", PgwardenVersion.current().describe().replace("-", "\\-"));
        assertThat(distribution.resolve("share/bash-completion/completions/pgwarden")).content().contains("complete -F", "--targets");
        assertThat(distribution.resolve("NOTICE")).content().contains("OpenJDK", "runtime/legal", "(info.picocli:picocli:",
                "(org.postgresql:postgresql:", "(org.drools:drools-core:");
        assertThat(distribution.resolve("LICENSE")).content().contains("Apache", "Classpath Exception");
        assertThat(distribution.resolve("runtime/bin/javac")).doesNotExist();
    }

    @Test
    void checksARealServerWithoutJavaInstalled() throws Exception {
        Path reports = home.resolve("reports");
        // -Xshare:on: the JVM refuses to start unless it maps the archives, so this run proves they are used.
        Result check = pgwarden(Map.of("JAVA_OPTS", "-Xshare:on"), "check", "--url", unhealthyUrl, "--check", "missing-analyze",
                "--check", "xid-age", "--report-dir", reports.toString());

        assertThat(check.exit()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("FAILED   missing-analyze", "public.invoices", "passed   xid-age",
                PgwardenVersion.current().describe());
        assertThat(check.err()).isEmpty();
        assertThat(reports.resolve("pgwarden.json")).content().contains("\"commit\" : \"" + PgwardenVersion.current().commit() + "\"");
    }

    @Test
    void checksOverAUnixSocketWithTheNativeLibraryInTheJar() throws Exception {
        DebianCluster cluster = DebianCluster.shared();
        String url = "postgresql:///postgres?host=" + cluster.socketDirectory() + "&port=" + cluster.port() + "&user=postgres";

        Result check = pgwarden(Map.of(), "check", "--url", url, "--check", "xid-age", "--format", "console");

        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.out()).contains("pgwarden: postgresql://postgres@/postgres?host=" + cluster.socketDirectory() + "&port="
                + cluster.port(), "passed   xid-age");
        assertThat(check.err()).isEmpty();
    }

    @Test
    void mostClassesComeFromTheArchives() throws Exception {
        Result check = pgwarden(Map.of("JAVA_OPTS", "-Xlog:class+load=info:stderr"), "check", "--url", unhealthyUrl, "--check",
                "missing-analyze", "--format", "console");

        long shared = check.err().lines().filter(line -> line.contains("source: shared objects file")).count();
        long all = check.err().lines().filter(line -> line.contains("source: ")).count();
        assertThat(shared).as("classes mapped from the archives, of %d", all).isGreaterThan(all * 8 / 10);
    }

    @Test
    void versionAndAnUnpackedTreeLeftAsItWas() throws Exception {
        Result version = pgwarden(Map.of(), "--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out().strip()).isEqualTo(PgwardenVersion.current().describe());
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("nothing written to HOME").doesNotContain(".cache");
        }
    }

    @Test
    void theDockerfileAddsThisTarballAndFindsTheLauncherOnItsPath() throws IOException {
        List<String> dockerfile = Files.readAllLines(Path.of("ci/Dockerfile"));
        String add = dockerfile.stream().filter(line -> line.startsWith("ADD ")).findFirst().orElseThrow();
        String path = dockerfile.stream().filter(line -> line.startsWith("ENV PATH=")).findFirst().orElseThrow();

        // Built with --build-arg PGWARDEN_VERSION=<this version>: ADD unpacks into /opt/, PATH names its bin/.
        String source = add.split(" ")[1].replace("${PGWARDEN_VERSION}", VERSION);
        assertThat(Path.of(source).toAbsolutePath()).isEqualTo(TARBALL);
        String bin = path.replaceAll("ENV PATH=([^:]+):.*", "$1").replace("${PGWARDEN_VERSION}", VERSION);
        assertThat(bin).startsWith("/opt/");
        assertThat(Files.isExecutable(unpacked.resolve(bin.substring("/opt/".length())).resolve("pgwarden"))).as(bin).isTrue();
    }

    @Test
    void theRuntimeHasEveryModuleTheJarNeeds() throws Exception {
        Result jdeps = run(List.of(Path.of(System.getProperty("java.home"), "bin", "jdeps").toString(), "--ignore-missing-deps",
                "--print-module-deps", "--multi-release", "17", distribution.resolve("lib/pgwarden.jar").toString()), Map.of());
        Result modules = run(List.of(distribution.resolve("runtime/bin/java").toString(), "--list-modules"), Map.of());

        Set<String> needed = new TreeSet<>(Arrays.asList(jdeps.out().strip().split(",")));
        // pgwarden hides the Flight Recorder from JUnit (engine.WithoutFlightRecorder); the runtime leaves it out.
        needed.remove("jdk.jfr");
        Set<String> present = new TreeSet<>(modules.out().lines().map(line -> line.replaceAll("@.*", "")).toList());
        assertThat(present).as(jdeps.toString()).containsAll(needed).contains("jdk.crypto.ec");
    }

    private static Result pgwarden(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/pgwarden").toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("PATH", path.toString());
        all.put("HOME", home.toString());
        return run(command, all);
    }

    /** Runs with exactly this environment (JAVA_HOME unset unless given). */
    private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("pgwarden-out", ".txt");
        Path err = Files.createTempFile("pgwarden-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String which(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, tool)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new IllegalStateException(tool + " is not on PATH")).toString();
    }

    record Result(int exit, String out, String err) {
    }
}
