package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.rules.SuiteLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, {@code target/pgwarden demo}, as its own process: every check of the default suite
 * must fail on the seeded database and pass after the remediations, so a check added to the default suite without
 * a demo problem of its own fails here rather than in the user's first minute.
 */
class DemoIT {

    private static final java.util.Set<String> PROBE_CHECKS = java.util.Set.of("read-latency", "query-latency", "lock-contention",
            "lwlock-contention");

    @Test
    void everyCheckOfTheDefaultSuiteFailsIsFixedAndPasses() throws Exception {
        Process process = new ProcessBuilder(Path.of("target/pgwarden").toAbsolutePath().toString(), "demo")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        String[] runs = output.split("== Second run", 2);
        assertThat(runs).as(output).hasSize(2);
        for (String check : new SuiteLoader().load(SuiteLoader.DEFAULT_SUITE).checks().keySet()) {
            // The demo has no host probe: the probe's checks are skipped in both runs, every other check flips.
            boolean needsProbe = PROBE_CHECKS.contains(check);
            assertThat(runs[0]).as(check).containsPattern("(?m)^" + (needsProbe ? "skipped" : "FAILED") + " +" + check + " ");
            assertThat(runs[1]).as(check).containsPattern("(?m)^" + (needsProbe ? "skipped" : "passed") + " +" + check + " ");
        }
        assertThat(output).contains("Demo finished: every check failed, was fixed, and passed");
    }
}
