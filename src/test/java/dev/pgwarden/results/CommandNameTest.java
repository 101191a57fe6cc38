package dev.pgwarden.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandNameTest {

    @TempDir
    Path dir;

    @Test
    void aLaunchersNameWins() throws Exception {
        Path jar = Files.createFile(dir.resolve("pgwarden.jar"));

        assertThat(CommandName.of("pgwarden", jar + " check --url x", jar)).isEqualTo("pgwarden");
        assertThat(CommandName.of("target/pgwarden", "dev.pgwarden.cli.Main probe", null)).isEqualTo("target/pgwarden");
    }

    @Test
    void theJarAsItWasGivenToJavaDashJarAndNothingOfTheArguments() throws Exception {
        Path jar = Files.createFile(dir.resolve("pgwarden.jar"));

        assertThat(CommandName.of(null, jar + " check --url postgresql://u:secret@h/db", jar)).isEqualTo("java -jar " + jar);
        assertThat(CommandName.of("", jar.toString(), jar)).isEqualTo("java -jar " + jar);
    }

    @Test
    void otherwiseTheInstalledName() throws Exception {
        Path jar = Files.createFile(dir.resolve("pgwarden.jar"));
        Path other = Files.createFile(dir.resolve("surefirebooter.jar"));

        // A main class on a class path, another program's jar (a test runner's), or classes from a directory.
        assertThat(CommandName.of(null, "dev.pgwarden.cli.Main probe", jar)).isEqualTo("pgwarden");
        assertThat(CommandName.of(null, other + " 1 2", jar)).isEqualTo("pgwarden");
        assertThat(CommandName.of(null, jar + " probe", null)).isEqualTo("pgwarden");
        assertThat(CommandName.of(null, null, null)).isEqualTo("pgwarden");
    }
}
