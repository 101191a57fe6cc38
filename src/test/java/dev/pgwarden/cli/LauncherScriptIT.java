package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.ReportTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/pgwarden}, the launcher the README tells users to run, on the jar the build just made (so this
 * runs after {@code package}): its first check writes a class-data sharing archive and the next maps it, and
 * exit codes, standard input and output are the jar's own. Its java is a script that logs how it was called.
 */
class LauncherScriptIT {

    private static final Path LAUNCHER = Path.of("target/pgwarden").toAbsolutePath();
    private static String healthyUrl;

    @TempDir
    static Path home;
    @TempDir
    Path cache;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedPostgres postgres = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        healthyUrl = PostgresServers.url(postgres, PostgresServers.createDatabase(postgres, "launcher"));
    }

    @Test
    void firstCheckWritesTheArchiveAndTheNextRunMapsIt() throws Exception {
        // Standard input goes through the first run too, where the launcher waits for the JVM to write the archive.
        Run first = run(Map.of(), "@reads_us:\n[8, 16)   5000\n", "check", "--url", healthyUrl,
                "--check", "read-latency", "--probe", "-", "--format", "console");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("passed   read-latency");
        assertThat(first.err()).isEmpty();
        assertThat(lastJavaCall()).contains("-XX:ArchiveClassesAtExit=");
        assertThat(archives()).singleElement();

        Path classes = home.resolve("classes.log");
        Run second = run(Map.of("PGWARDEN_TEST_LOG", classes.toString()), "", "check", "--url", ReportTarget.get().url(),
                "--check", ReportTarget.WARNING_CHECK, "--format", "console");
        assertThat(second.exit()).as(second.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(second.out()).contains("FAILED   missing-analyze", "[warning] " + ReportTarget.UNHEALTHY_TABLE);
        assertThat(second.err()).isEmpty();
        assertThat(lastJavaCall()).contains("-XX:SharedArchiveFile=" + archives().get(0));
        // "(top)" is the archive on top of the JDK's own.
        assertThat(Files.readString(classes)).contains("dev.pgwarden.cli.Main source: shared objects file (top)");
    }

    @Test
    void aUsersRulesAreSaidToBeCompiledOnlyWhenTheyAre() throws Exception {
        String[] check = {"check", "--url", healthyUrl, "--rules", Path.of("docs/examples/rules").toAbsolutePath().toString(),
                "--check", "table-with-many-indexes", "--format", "console"};
        String note = "docs/examples/rules/table-with-many-indexes.drl adds the check table-with-many-indexes";

        Run first = run(Map.of(), "", check);
        Run second = run(Map.of(), "", check);

        assertThat(first.err()).as(first.toString()).contains("pgwarden: compiled ").contains(note);
        assertThat(second.err()).as(second.toString()).doesNotContain("pgwarden: compiled ")
                .contains(note + " (compiled before: loaded from the compiled-rule cache)");
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneIsRemoved() throws Exception {
        Path copy = Files.createDirectories(home.resolve("copy"));
        Files.copy(LAUNCHER, copy.resolve("pgwarden"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(LAUNCHER.resolveSibling("pgwarden.jar"), copy.resolve("pgwarden.jar"));
        String[] check = {"check", "--url", healthyUrl, "--check", "xid-age", "--format", "console"};

        assertThat(run(copy.resolve("pgwarden"), Map.of(), "", check).exit()).isZero();
        List<Path> before = archives();
        Files.setLastModifiedTime(copy.resolve("pgwarden.jar"), FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(run(copy.resolve("pgwarden"), Map.of(), "", check).exit()).isZero();

        assertThat(before).singleElement();
        assertThat(archives()).singleElement().isNotEqualTo(before.get(0));
    }

    @Test
    void exitCodesAndErrorsAreTheJarsOwnAndRunsThatStopEarlyKeepNoArchive() throws Exception {
        Run unreachable = run(Map.of(), "", "check", "--url", "jdbc:postgresql://localhost:1/app?user=alice");
        assertThat(unreachable.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(unreachable.err()).isEqualTo("pgwarden: cannot reach postgresql://alice@localhost:1/app: connection refused\n");

        Run emptyProbe = run(Map.of(), "", "check", "--url", healthyUrl, "--probe", "-");
        assertThat(emptyProbe.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(emptyProbe.err()).startsWith("pgwarden: standard input: empty input;");

        assertThat(archives()).isEmpty();
    }

    @Test
    void withoutXdgCacheHomeTheArchiveIsInHomesCacheAsForPsqlNotTheAccountsHome() throws Exception {
        Path otherHome = Files.createDirectories(cache.resolve("home"));

        Run check = run(Map.of("XDG_CACHE_HOME", "", "HOME", otherHome.toString()), "", "check", "--url", healthyUrl,
                "--check", "xid-age", "--format", "console");

        assertThat(check.exit()).as(check.toString()).isZero();
        try (Stream<Path> files = Files.list(otherHome.resolve(".cache/pgwarden/cds"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".jsa"))).singleElement();
        }
    }

    @Test
    void cdsOffRunsThePlainJar() throws Exception {
        Run version = run(Map.of("PGWARDEN_CDS", "off"), "", "--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("pgwarden ");
        assertThat(version.err()).isEmpty();
        assertThat(lastJavaCall()).doesNotContain("SharedArchive", "ArchiveClassesAtExit").contains("-jar");
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> environment, String input, String... args) throws Exception {
        return run(LAUNCHER, environment, input, args);
    }

    private Run run(Path launcher, Map<String, String> environment, String input, String... args) throws Exception {
        Path java = fakeJava();
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA", java.toString());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("PGWARDEN_CDS");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        int exit = process.waitFor();
        return new Run(exit, Files.readString(out), Files.readString(err));
    }

    /** The test's java, behind a script that logs each command line and, when asked, which classes came from where. */
    private static Path fakeJava() throws IOException {
        Path script = home.resolve("java");
        if (!Files.exists(script)) {
            String real = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(script, String.join("\n",
                    "#!/bin/sh",
                    "echo \"$*\" >> '" + home.resolve("java-calls.log") + "'",
                    "case $* in *-jar*) [ -n \"${PGWARDEN_TEST_LOG:-}\" ] && exec '" + real + "' -Xlog:class+load=info:file=\"$PGWARDEN_TEST_LOG\" \"$@\" ;; esac",
                    "exec '" + real + "' \"$@\"", ""));
            script.toFile().setExecutable(true);
        }
        return script;
    }

    /** The last time the launcher started pgwarden (its own java -version probes aside). */
    private static String lastJavaCall() throws IOException {
        List<String> calls = Files.readAllLines(home.resolve("java-calls.log"));
        return calls.stream().filter(call -> call.contains("-jar")).reduce((a, b) -> b).orElseThrow();
    }

    private List<Path> archives() throws IOException {
        Path directory = cache.resolve("pgwarden/cds");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".jsa")).toList();
        }
    }
}
