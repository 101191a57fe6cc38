package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --targets}: several databases of a real server, checked in parallel, one report section each. */
class FleetCheckTest {

    private static EmbeddedPostgres postgres;
    private static String healthy;
    private static String unhealthy;
    private static String unreachable;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServers.shared(17);
        healthy = url(postgres, createDatabase(postgres, "fleet"));
        String sick = createDatabase(postgres, "fleet");
        Problems.neverAnalyzedTable(postgres, sick, "public.customers", 5000);
        unhealthy = url(postgres, sick);
        try (ServerSocket socket = new ServerSocket(0)) {
            unreachable = "jdbc:postgresql://localhost:" + socket.getLocalPort() + "/gone?user=postgres";
        }
    }

    private Path targets(String... namesAndUrls) throws IOException {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i < namesAndUrls.length; i += 2) {
            yaml.append("  - name: ").append(namesAndUrls[i]).append("\n    url: ").append(namesAndUrls[i + 1]).append('\n');
        }
        return Files.writeString(directory.resolve("fleet.yaml"), yaml);
    }

    @Test
    void unreachableTargetIsReportedWhileTheOthersAreCheckedAndTheRunExitsOne() throws IOException {
        Path file = targets("orders", healthy, "billing", unhealthy, "gone", unreachable);

        CommandLineRun run = CommandLineRun.of("check", "--targets", file.toString(), "--parallel", "2",
                "--check", "missing-analyze", "--report-dir", directory.resolve("reports").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("pgwarden: orders (", "pgwarden: billing (", "pgwarden: gone (")
                .containsPattern("FAILED +missing-analyze")
                .contains("public.customers")
                .contains("3 targets: 1 healthy, 1 with failures, 1 unreachable");
        assertThat(run.out().indexOf("pgwarden: orders")).isLessThan(run.out().indexOf("pgwarden: billing"));
        assertThat(run.err()).contains("gone: cannot reach");
        assertThat(directory.resolve("reports/billing/pgwarden.json")).exists();
        assertThat(directory.resolve("reports/orders/TEST-pgwarden.xml")).exists();
    }

    @Test
    void healthyFleetExitsZero() throws IOException {
        CommandLineRun run = CommandLineRun.of("check", "--targets", targets("a", healthy, "b", healthy).toString(),
                "--check", "missing-analyze");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 targets: 2 healthy, 0 with failures, 0 unreachable");
    }

    @Test
    void everyTargetUnreachableExitsThree() throws IOException {
        CommandLineRun run = CommandLineRun.of("check", "--targets", targets("a", unreachable, "b", unreachable).toString(),
                "--connect-timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("a: cannot reach", "b: cannot reach");
    }

    @Test
    void badTargetsFileIsExitTwoNamingTheEntry() throws IOException {
        Path file = Files.writeString(directory.resolve("bad.yaml"), "targets:\n  - name: a\n    host: db1\n");

        CommandLineRun run = CommandLineRun.of("check", "--targets", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("targets[0].host: unknown key (known: name, url)");
    }

    @Test
    void targetsAndUrlTogetherAreExitTwo() throws IOException {
        CommandLineRun run = CommandLineRun.of("check", "--targets", targets("a", healthy).toString(), "--url", healthy);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--url and --targets");
    }
}
