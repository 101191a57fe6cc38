package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers tell pgwarden the name they were run by (system property pgwarden.command), so its hints name
 * the command the user ran: 'pgwarden' when PATH finds the launcher by that name (the distribution's bin on
 * PATH, the image's entrypoint), else the path it was run by. Their java is a script that prints its arguments.
 */
class LauncherNameTest {

    private static final String PRINT_ARGUMENTS = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n";

    @TempDir
    Path dir;

    @Test
    void theDistributionsLauncherOnPathIsPgwarden() throws Exception {
        Path bin = distribution();

        assertThat(run(List.of("pgwarden", "probe"), bin, Map.of())).contains("-Dpgwarden.command=pgwarden");
    }

    @Test
    void theDistributionsLauncherRunByItsPathIsThatPath() throws Exception {
        Path bin = distribution();
        String launcher = bin.resolve("pgwarden").toString();

        assertThat(run(List.of(launcher, "probe"), dir, Map.of())).contains("-Dpgwarden.command=" + launcher);
    }

    @Test
    void theBuildsLauncherOnPathOrByItsPath() throws Exception {
        Path target = Files.createDirectories(dir.resolve("with space/target"));
        script(target.resolve("pgwarden"), Files.readString(Path.of("src/main/sh/pgwarden")));
        Files.createFile(target.resolve("pgwarden.jar"));
        Path java = script(dir.resolve("java"), PRINT_ARGUMENTS);
        Map<String, String> environment = Map.of("JAVA", java.toString(), "PGWARDEN_CDS", "off");

        assertThat(run(List.of("pgwarden", "probe"), target, environment)).contains("-Dpgwarden.command=pgwarden");
        assertThat(run(List.of(target.resolve("pgwarden").toString(), "probe"), dir, environment))
                .contains("-Dpgwarden.command=" + target.resolve("pgwarden"));
    }

    /** An unpacked distribution whose runtime's java prints its arguments; its bin directory. */
    private Path distribution() throws IOException {
        Path home = dir.resolve("pgwarden-1.0");
        Path bin = Files.createDirectories(home.resolve("bin"));
        script(bin.resolve("pgwarden"), Files.readString(Path.of("src/dist/bin/pgwarden")));
        Files.createFile(Files.createDirectories(home.resolve("lib")).resolve("pgwarden.jar"));
        script(Files.createDirectories(home.resolve("runtime/bin")).resolve("java"), PRINT_ARGUMENTS);
        return bin;
    }

    private static Path script(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Runs {@code command} with {@code pathDirectory} first on PATH; what the launcher's java printed. */
    private List<String> run(List<String> command, Path pathDirectory, Map<String, String> environment) throws Exception {
        // Through a shell, which looks the command up on the child's PATH as a user's shell does.
        List<String> shell = new java.util.ArrayList<>(List.of("sh", "-c", "exec \"$@\"", "sh"));
        shell.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(shell).redirectErrorStream(true);
        builder.environment().put("PATH", pathDirectory + ":" + System.getenv("PATH"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
