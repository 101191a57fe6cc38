package dev.pgwarden.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The version and commit the build wrote, and what is shown when the build could not write them. */
class PgwardenVersionTest {

    @Test
    void theBuildWroteTheProjectVersion() {
        assertThat(PgwardenVersion.current().version()).isEqualTo(System.getProperty("pgwarden.test.project_version"));
    }

    @Test
    void theBuildWroteTheCommitOfThisCheckout() throws Exception {
        String head = git("rev-parse", "--short=12", "HEAD");
        assumeThat(head).as("a git checkout with git on PATH").isNotEmpty();
        boolean dirty = !git("status", "--porcelain", "--untracked-files=no").isEmpty();

        // The tree may have changed between the build and this test; the commit may not.
        assertThat(PgwardenVersion.current().commit()).startsWith(head).matches("[0-9a-f]{12}(-dirty)?");
        if (dirty) {
            assertThat(PgwardenVersion.current().commit()).as("built from a changed tree").endsWith("-dirty");
        }
    }

    @Test
    void describesItselfAsVersionAndCommit() {
        assertThat(new PgwardenVersion("1.2.0", "0123456789ab").describe()).isEqualTo("pgwarden 1.2.0 (commit 0123456789ab)");
    }

    @Test
    void outsideAGitCheckoutTheCommitIsUnknown() {
        assertThat(PgwardenVersion.of("1.2.0", "${git.commit.id.abbrev}", "${git.dirty}"))
                .isEqualTo(new PgwardenVersion("1.2.0", "unknown"));
    }

    @Test
    void aTreeWithUncommittedChangesIsMarkedDirty() {
        assertThat(PgwardenVersion.of("1.2.0", "0123456789ab", "true").commit()).isEqualTo("0123456789ab-dirty");
        assertThat(PgwardenVersion.of("1.2.0", "0123456789ab", "false").commit()).isEqualTo("0123456789ab");
    }

    @Test
    void classesNotBuiltByMavenAreTheDevelopmentVersion() {
        assertThat(PgwardenVersion.of(null, null, null)).isEqualTo(new PgwardenVersion("development", "unknown"));
        assertThat(PgwardenVersion.of("${project.version}", "", null).version()).isEqualTo("development");
    }

    private static String git(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process git;
        try {
            git = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noGit) {
            return "";
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "";
    }
}
