package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.report.FleetRecord;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of a real server's databases (healthy, failing, one unreachable) checked by one process, and again
 * as three shards merged: the merged report is the one-process report but for timings, in every format.
 */
class ShardedFleetTest {

    private static final String FORMATS = "console,json,junit,sarif,markdown,prometheus,open-test-reporting,allure";
    private static final int SHARDS = 3;

    @TempDir
    static Path directory;
    private static Path fleet;
    private static final List<String> NAMES = new ArrayList<>();

    @BeforeAll
    static void fleet() throws Exception {
        EmbeddedPostgres postgres = PostgresServers.shared(17);
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i < 7; i++) {
            String database = createDatabase(postgres, "shard");
            if (i % 3 == 1) {
                Problems.neverAnalyzedTable(postgres, database, "public.t" + i, 2000);
            }
            add(yaml, "db-" + i, url(postgres, database));
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            add(yaml, "gone", "jdbc:postgresql://localhost:" + socket.getLocalPort() + "/gone?user=postgres");
        }
        fleet = Files.writeString(directory.resolve("fleet.yaml"), yaml);
    }

    private static void add(StringBuilder yaml, String name, String url) {
        NAMES.add(name);
        yaml.append("  - name: ").append(name).append("\n    url: ").append(url).append('\n');
    }

    private static CommandLineRun check(Path reportDir, String... more) {
        List<String> args = new ArrayList<>(List.of("check", "--targets", fleet.toString(), "--check", "missing-analyze",
                "--connect-timeout", "2s", "--format", FORMATS, "--report-dir", reportDir.toString()));
        args.addAll(List.of(more));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    @Test
    void mergedShardsReportAsOneRunOverTheWholeFleet() throws IOException {
        CommandLineRun whole = check(directory.resolve("whole"));
        List<Path> shardDirs = new ArrayList<>();
        Set<String> checked = new HashSet<>();
        int targets = 0;
        for (int i = 0; i < SHARDS; i++) {
            Path shardDir = directory.resolve("shard-" + i);
            CommandLineRun shard = check(shardDir, "--shard", i + "/" + SHARDS);
            assertThat(shard.exitCode()).as(shard.err()).isBetween(0, 3);
            assertThat(shard.out()).contains("(shard " + i + "/" + SHARDS + " of a fleet of 8)");
            FleetRecord record = FleetRecord.read(shardDir);
            record.targets().forEach(t -> checked.add(t.name()));
            targets += record.targets().size();
            shardDirs.add(shardDir);
        }
        assertThat(checked).as("complete").containsExactlyInAnyOrderElementsOf(NAMES);
        assertThat(targets).as("disjoint").isEqualTo(NAMES.size());

        List<String> merge = new ArrayList<>(List.of("merge", "--report-dir", directory.resolve("merged").toString()));
        for (int i = shardDirs.size() - 1; i >= 0; i--) {
            merge.add(shardDirs.get(i).toString());  // in any order
        }
        CommandLineRun merged = CommandLineRun.of(merge.toArray(String[]::new));

        assertThat(whole.exitCode()).as(whole.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(merged.exitCode()).as(merged.err()).isEqualTo(whole.exitCode());
        assertThat(whole.out()).contains("8 targets: 5 healthy, 2 with failures, 1 unreachable", "[warning] public.t1");
        assertThat(withoutTimings(merged.out())).isEqualTo(withoutTimings(whole.out()));
        assertThat(merged.err()).isEqualTo(whole.err());
        Map<String, String> expected = files(directory.resolve("whole"));
        Map<String, String> actual = files(directory.resolve("merged"));
        assertThat(actual).containsOnlyKeys(expected.keySet());
        expected.forEach((file, content) -> assertThat(actual.get(file)).as(file).isEqualTo(content));
    }

    @Test
    void mergeRefusesAMissingOrRepeatedShard() {
        Path zero = directory.resolve("refuse-0");
        Path one = directory.resolve("refuse-1");
        check(zero, "--shard", "0/2");
        check(one, "--shard", "1/2");

        CommandLineRun.of("merge", zero.toString()).failedWith(ExitCodes.USAGE);
        assertThat(CommandLineRun.of("merge", zero.toString()).errorLine()).isEqualTo("pgwarden: merge: shard 1/2 missing: give every shard's report directory");
        assertThat(CommandLineRun.of("merge", zero.toString(), zero.toString()).errorLine()).contains("are both shard 0/2");
        assertThat(CommandLineRun.of("merge", directory.toString()).errorLine()).contains("no pgwarden-fleet.json");
        assertThat(CommandLineRun.of("merge", zero.toString(), one.toString()).exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void shardWithoutTargetsIsUsage() {
        CommandLineRun.of("check", "--url", "jdbc:postgresql://localhost/x", "--shard", "0/2").failedWith(ExitCodes.USAGE);
    }

    /** Every report file by its path, timings and generated names taken out. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String path = root.relativize(file).toString();
                if (path.contains("allure-results/") || path.contains("open-test-reporting/")) {
                    // Named and numbered afresh by each run (UUIDs); kept as the shard wrote them, so compared by count.
                    files.merge(path.replaceAll("/[^/]+$", "/*"), "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
                } else {
                    files.put(path, withoutTimings(Files.readString(file)));
                }
            }
        }
        return files;
    }

    private static String withoutTimings(String text) {
        return text.replaceAll("in \\d+ ms", "in N ms")
                .replaceAll("\"(duration_ms|started_at|startTimeUtc)\"(\\s*):(\\s*)(\"[^\"]*\"|\\d+)", "\"$1\"$2:$3T")
                .replaceAll("(time|timestamp)=\"[^\"]*\"", "$1=\"T\"")
                .replaceAll("\\(timestamp: [0-9T:.-]+\\)", "(timestamp: T)")
                .replaceAll("(?m)^(pgwarden_(last_run_timestamp_seconds|check_duration_seconds)\\{[^}]*}) .*$", "$1 T")
                .replaceAll("duration_seconds=[0-9.]+", "T")
                // The provenance's server clock, in each format's spelling (a properties file escapes ':').
                .replaceAll("(server[ _]clock[^0-9]{0,12})\\d{4}-[\\d\\\\:T.-]+Z", "$1T");
    }
}
