package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pgwarden.testing.Mutations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed suite files made from the built-in suites and from one that uses every suite feature
 * (parameters with units, severity, object overrides, waivers), with a fixed seed: loading and selecting each one
 * ends in checks to run or in a one-line {@link RuleLoadException} naming the file, never another exception or a
 * hang.
 */
class GeneratedSuiteFileTest {

    private static final int PER_SEED = 1_000;
    private static final int BATCH = 200;
    private static final String EVERY_FEATURE = """
            name: nightly
            description: every suite feature, as a seed for malformed variants
            checks:
              xid-age:
                parameters:
                  warn_age: "400000000"
                  max_age: 1000000000
                severity: critical
              seq-scan-large-table:
                parameters:
                  min_size: 512MB
                  min_seq_scans: 50
                objects:
                  - match: "public.audit_*"
                    parameters:
                      min_size: 10GB
              read-latency:
                parameters:
                  p99_max: 20ms
              missing-analyze: {}
            waivers:
              - check: seq-scan-large-table
                object: public.events
                reason: nightly export reads it whole
                expires: 2030-01-31
                ticket: OPS-1234
              - check: missing-analyze
                object: "staging.*"
                reason: loaded and analyzed by the nightly job
                expires: 2030-06-30
            """;

    @TempDir
    Path dir;

    @Test
    void everyGeneratedSuiteFileIsLoadedOrRefusedWithAClearError() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("checks"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(Files.readString(file));
            }
        }
        seeds.add(EVERY_FEATURE);
        // The seeds themselves load: a refusal below is the mutation's doing.
        for (String seed : seeds) {
            assertThat(loadOrRefuse(seed.getBytes(StandardCharsets.UTF_8), dir.resolve("seed.yaml"))).isTrue();
        }
        Random random = new Random(20261125L);
        int[] outcomes = new int[2];
        CheckSelector selector = new CheckSelector(RuleCatalog.builtIn(), new RuleCompiler());

        for (int s = 0; s < seeds.size(); s++) {
            String seed = seeds.get(s);
            for (int batch = 0; batch < PER_SEED / BATCH; batch++) {
                String where = "seed " + s + " batch " + batch;
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    for (int i = 0; i < BATCH; i++) {
                        Path file = dir.resolve("suite-" + i + ".yaml");
                        outcomes[loadOrRefuse(Mutations.mutate(seed, random), file, selector) ? 0 : 1]++;
                    }
                }, () -> where + " hung");
            }
        }

        assertThat(outcomes[0] + outcomes[1]).isGreaterThanOrEqualTo(2_000);
        assertThat(outcomes[0]).as("some mutations still load").isPositive();
        assertThat(outcomes[1]).as("some mutations are refused").isPositive();
    }

    private boolean loadOrRefuse(byte[] input, Path file) throws Exception {
        return loadOrRefuse(input, file, new CheckSelector(RuleCatalog.builtIn(), new RuleCompiler()));
    }

    /** @return true when the suite loaded and its checks were selected, false when refused as expected */
    private static boolean loadOrRefuse(byte[] input, Path file, CheckSelector selector) throws Exception {
        Files.write(file, input);
        try {
            Suite suite = new SuiteLoader().load(file.toString());
            selector.select(suite, List.of(), Map.of());
            return true;
        } catch (RuleLoadException e) {
            String message = e.getMessage();
            if (message == null || !message.startsWith(file.toString()) || message.contains("\n")) {
                fail("%s was refused unclearly: %s%n%s", file, message, new String(input, StandardCharsets.UTF_8));
            }
            return false;
        } catch (RuntimeException e) {
            return fail("%s threw %s:%n%s", file, e, new String(input, StandardCharsets.UTF_8));
        }
    }
}
