package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.CliRun;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe --url}'s bad input: usage errors are exit 2 naming the option, an unreachable server exit 3. */
class ProbeUrlCommandTest {

    @TempDir
    Path dir;

    @Test
    void aTooShortSampleIntervalIsAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("probe", "--url", "jdbc:postgresql://127.0.0.1:1/x", "--sample-interval", "0ms",
                "--out", dir.resolve("p.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("pgwarden: --sample-interval: '0ms' is too short; sample at most every 1ms");
        assertThat(dir.resolve("p.json")).doesNotExist();
    }

    @Test
    void hostOnlyTakesNoUrl() {
        CliRun run = CliRun.of("probe", "--host-only", "--data-dir", dir.toString(), "--url", "jdbc:postgresql://127.0.0.1:1/x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--host-only collects no wait events");
    }

    @Test
    void anUnreachableServerIsExitThreeAndWritesNothing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path out = dir.resolve("p.json");

        CliRun run = CliRun.of("probe", "--url", "jdbc:postgresql://127.0.0.1:" + port + "/app?user=monitor", "--duration", "1s",
                "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("pgwarden: cannot reach", "127.0.0.1:" + port);
        assertThat(out).doesNotExist();
    }
}
