package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    @Test
    void listPrintsEveryCheckWithItsParametersAndDefaultsAndTheBuiltInSuites() throws Exception {
        CommandLineRun run = CommandLineRun.of("list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl"))
                    .map(n -> n.substring(0, n.length() - ".drl".length()))
                    .forEach(id -> assertThat(run.out()).containsPattern("(?m)^" + id + " "));
        }
        assertThat(run.out())
                .containsPattern("(?m)^xid-age +critical +Transaction IDs are far from wraparound$")
                .containsPattern("(?m)^ +max_age +default 1200000000 ")
                .containsPattern("(?m)^ +min_size +default 1GB ")
                .containsPattern("(?m)^ +max_used_fraction +default 0.8 ")
                .containsPattern("(?m)^ +min_rows +default 1000 +ignore tables with fewer rows than this \\(lookup")
                .containsPattern("(?m)^ +warn_fraction +default 0.8 ")
                .containsPattern("(?m)^suites \\(--suite NAME\\)$")
                .containsPattern("(?m)^ +security-audit +superuser-roles, password-encryption, ssl-enforced, public-schema-create, "
                        + "logging-settings, durability-settings, unlogged-tables$")
                .containsPattern("(?m)^ +default +autovacuum-staleness, ");
    }
}
