import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rules cost. A check reads the checks' metadata and then loads each check's compiled rules in the
 * background while it connects; what a run spends on them is how long it waits for them, which it logs at debug
 * level ({@link #waitedMs}). Beside that, what reading and loading them costs a fresh JVM started as the launcher
 * starts one, with its CDS archive, with nothing to overlap: as the jar ships them compiled, compiled from their
 * DRL (no precompiled rules, no cache), and again in the same JVM.
 */
record RuleCost(double loadMs, double againMs, double uncachedMs) {

    static final Pattern WAITED = Pattern.compile("waited (\\d+) ms for");

    static double waitedMs(String output) {
        Matcher m = WAITED.matcher(output);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    static RuleCost measure(Bench bench) throws Exception {
        RuleCost cached = measure(bench, "-Dpgwarden.no_rule_cache=false");
        RuleCost uncached = measure(bench, "-Dpgwarden.no_rule_cache=true", "-Dpgwarden.no_precompiled_rules=true");
        return new RuleCost(cached.loadMs(), cached.againMs(), uncached.loadMs());
    }

    static RuleCost measure(Bench bench, String... cacheProperties) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xshare:on", "-XX:SharedArchiveFile=" + archive(bench)));
        command.addAll(launcherFlags(bench.launcher));
        command.addAll(List.of(cacheProperties));
        // The benchmark's own classes after the jar, which the archive was made with.
        Path classes = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        command.addAll(List.of("-cp", bench.jar.toAbsolutePath() + java.io.File.pathSeparator + classes, "Bench", "--rules-cost"));
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Timed t = Timed.run(command, Map.of("XDG_CACHE_HOME", bench.environment.get("XDG_CACHE_HOME")));
            Matcher m = Pattern.compile("loaded in (\\d+) ms, again (\\d+) ms").matcher(t.output);
            if (!m.find()) {
                throw new IllegalStateException("measuring the rules' cost failed: " + t.output.strip());
            }
            first.add(Double.parseDouble(m.group(1)));
            second.add(Double.parseDouble(m.group(2)));
        }
        return new RuleCost(Bench.median(first), Bench.median(second), -1);
    }

    /** The archive the benchmark's launcher runs wrote (-Xshare:on above fails loudly if it does not map). */
    static String archive(Bench bench) throws IOException {
        try (var files = Files.list(Path.of(bench.environment.get("XDG_CACHE_HOME"), "pgwarden", "cds"))) {
            return files.filter(f -> f.toString().endsWith(".jsa")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the launcher wrote no CDS archive")).toString();
        }
    }

    /** The JVM options the launcher starts pgwarden with (its FLAGS line), so this JVM starts alike. */
    static List<String> launcherFlags(Path launcher) throws IOException {
        String line = Files.readAllLines(launcher).stream().filter(l -> l.startsWith("FLAGS=\"")).findFirst()
                .orElseThrow(() -> new IllegalStateException(launcher + " has no FLAGS line"));
        return List.of(line.substring("FLAGS=\"".length(), line.length() - 1).split(" "));
    }

    /** Plans a default-suite run and waits for every check's rules (nothing connects), twice in this JVM. */
    static void printInProcess() throws Exception {
        long first = planAndLoad();
        long again = planAndLoad();
        System.out.println("loaded in " + first + " ms, again " + again + " ms");
    }

    private static long planAndLoad() throws Exception {
        java.util.function.Function<String, String> parameters = key -> key.equals("pgwarden.url")
                ? "jdbc:postgresql://localhost:1/none" : null;
        long start = System.nanoTime();
        var plan = new dev.pgwarden.engine.RunPlanner(System.getenv()).plan(parameters);
        plan.checks().forEach(check -> check.check().knowledgeBase());
        return (System.nanoTime() - start) / 1_000_000;
    }
}
