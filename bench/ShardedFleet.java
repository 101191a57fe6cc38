import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code bench/run --fleet N}: N databases on one server, checked by 4 shards as concurrent processes, then merged. */
final class ShardedFleet {

    final Bench bench;

    ShardedFleet(Bench bench) {
        this.bench = bench;
    }

    /** {@code --fleet [N]}: N databases (default 1000), 4 shards. */
    static void run(Bench bench, List<String> arguments) throws Exception {
        bench.startServer();
        try {
            new ShardedFleet(bench).measure(Integer.parseInt(arguments.isEmpty() ? "1000" : arguments.get(0)), 4);
        } finally {
            bench.stopServer();
        }
    }

    void measure(int databases, int shards) throws Exception {
        long created = System.nanoTime();
        Path targets = Fleet.create(bench, databases);
        System.out.printf(Locale.ROOT, "%d databases created in %.0f s%n", databases, (System.nanoTime() - created) / 1e9);
        Path reports = Files.createDirectories(bench.work.resolve("shards"));
        List<java.util.concurrent.CompletableFuture<Long>> ends = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < shards; i++) {
            Path output = reports.resolve("shard-" + i + ".log");
            outputs.add(output);
            processes.add(new ProcessBuilder(bench.launcher.toString(), "check", "--targets", targets.toString(), "--shard", i + "/" + shards,
                    "--parallel", "8", "--format", "console,json,junit,prometheus", "--report-dir", reports.resolve("shard-" + i).toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start());
            ends.add(processes.get(i).onExit().thenApply(p -> System.nanoTime()));
        }
        for (int i = 0; i < shards; i++) {
            int exit = processes.get(i).waitFor();
            String tail = Files.readAllLines(outputs.get(i)).stream().filter(l -> l.contains(" targets: ")).reduce((a, b) -> b).orElse("?");
            System.out.printf(Locale.ROOT, "shard %d/%d: %.1f s wall, exit %d: %s%n", i, shards, (ends.get(i).get() - start) / 1e9, exit, tail);
        }
        System.out.printf(Locale.ROOT, "all %d shards: %.1f s wall%n", shards, (System.nanoTime() - start) / 1e9);
        List<String> merge = new ArrayList<>(List.of(bench.launcher.toString(), "merge", "--report-dir", reports.resolve("merged").toString()));
        for (int i = 0; i < shards; i++) {
            merge.add(reports.resolve("shard-" + i).toString());
        }
        Timed merged = Timed.run(merge, bench.environment);
        String tail = merged.output.lines().filter(l -> l.contains(" targets: ")).reduce((a, b) -> b).orElse(merged.output);
        System.out.printf(Locale.ROOT, "merge: %.1f s wall, exit %d: %s%n", merged.millis / 1000, merged.exit, tail);
    }
}
