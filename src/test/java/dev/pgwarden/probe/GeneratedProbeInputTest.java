package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pgwarden.testing.Mutations;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed probe outputs made from the captured ones (truncated, bit-flipped, fields swapped, numbers
 * made huge or negative), with a fixed seed so a failure repeats: each is read as a histogram or refused with a
 * {@link ProbeFormatException} naming the input, never another exception, a hang or an out-of-memory. A refusal
 * that only wraps an exception the parsers did not foresee ("unreadable input (java...") counts as a failure too.
 */
class GeneratedProbeInputTest {

    private static final int PER_SEED = 1_400;
    private static final int BATCH = 200;
    private static final double[] QUANTILES = {0.5, 0.95, 0.99};

    @Test
    void everyGeneratedProbeOutputIsReadOrRefusedWithAClearError() throws Exception {
        List<Path> seeds;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/probe/captured"))) {
            seeds = files.filter(p -> p.toString().endsWith(".out")).sorted().toList();
        }
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(6);
        Random random = new Random(20261125L);
        int[] outcomes = new int[2];

        for (Path seed : seeds) {
            String text = Files.readString(seed);
            // A batch at a time under a deadline: a hang fails the batch, whose inputs the seed reproduces.
            for (int batch = 0; batch < PER_SEED / BATCH; batch++) {
                String where = seed.getFileName() + " batch " + batch;
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    for (int i = 0; i < BATCH; i++) {
                        outcomes[readOrRefuse(Mutations.mutate(text, random), where + " #" + i) ? 0 : 1]++;
                    }
                }, () -> where + " hung");
            }
        }

        assertThat(outcomes[0] + outcomes[1]).isGreaterThanOrEqualTo(8_000);
        assertThat(outcomes[0]).as("some mutations still parse").isPositive();
        assertThat(outcomes[1]).as("most mutations are refused").isPositive();
    }

    /** @return true when read, false when refused as expected */
    private static boolean readOrRefuse(byte[] input, String name) {
        try {
            ProbeReading reading = new ProbeInputReader(null).read(new ByteArrayInputStream(input), name);
            for (double quantile : QUANTILES) {
                new PercentileEstimator().estimate(reading.histogram(), quantile);
            }
            return true;
        } catch (ProbeFormatException e) {
            String message = e.getMessage();
            if (!message.startsWith(name + ": ") || message.contains("unreadable input (java") || message.contains("\n")) {
                fail("input %s was refused unclearly: %s%n%s", name, message, new String(input, StandardCharsets.UTF_8));
            }
            return false;
        } catch (RuntimeException e) {
            return fail("input %s threw %s:%n%s", name, e, new String(input, StandardCharsets.UTF_8));
        }
    }
}
