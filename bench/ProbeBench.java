import dev.pgwarden.probe.HostProbe;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host probe's overhead (bench/run --probe): pgbench TPC-B with 4 clients against Debian's PostgreSQL 15,
 * alternating runs without and with the probe attached (read histograms and every USDT probe), at least three
 * pairs; prints each pair's TPS, the ratio with/without (budget: at least 95%) and the CPU bpftrace used.
 * Needs root, bpftrace and Debian's postgresql-15 (with pgbench). BENCH_PROBE_PAIRS and BENCH_PROBE_SECONDS
 * change the number of pairs (3) and each run's length (15 s).
 */
public final class ProbeBench {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final double BUDGET = 0.95;

    private final Path work;
    private final int port;

    private ProbeBench(Path work, int port) {
        this.work = work;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        int pairs = Math.max(3, Integer.parseInt(System.getenv().getOrDefault("BENCH_PROBE_PAIRS", "3")));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROBE_SECONDS", "15"));
        Path work = Files.createTempDirectory("pgwarden-probe-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProbeBench bench = new ProbeBench(work, port);
        try {
            bench.start();
            bench.run(pairs, seconds);
        } finally {
            bench.stop();
            run(List.of("rm", "-rf", work.toString()));
        }
    }

    private void run(int pairs, int seconds) throws Exception {
        System.out.printf(Locale.ROOT, "probe overhead: pgbench TPC-B (scale 10), 4 clients, %d s per run, %d pairs;"
                + " %d CPUs, load average %s%n", seconds, pairs, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        List<Double> ratios = new ArrayList<>();
        double probeCpu = 0;
        for (int i = 1; i <= pairs; i++) {
            // alternate which run of a pair goes first, so a drifting machine favours neither
            boolean probedFirst = i % 2 == 0;
            double[] probed = new double[2];
            double plain = 0;
            if (probedFirst) {
                probed = probed(seconds);
                plain = pgbench(seconds);
            } else {
                plain = pgbench(seconds);
                probed = probed(seconds);
            }
            ratios.add(probed[0] / plain);
            probeCpu += probed[1];
            System.out.printf(Locale.ROOT, "  pair %d: %.0f tps without, %.0f tps with the probe (%.1f%%); bpftrace CPU %.2f s%n",
                    i, plain, probed[0], 100 * probed[0] / plain, probed[1]);
        }
        double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
        System.out.printf(Locale.ROOT, "probe: median TPS with/without %.1f%% (budget >= %.0f%%: %s); bpftrace used %.2f s CPU"
                        + " per %d s traced (%.1f%% of one CPU)%n", 100 * median, 100 * BUDGET,
                median >= BUDGET ? "held" : "MISSED", probeCpu / ratios.size(), seconds,
                100 * probeCpu / ratios.size() / seconds);
    }

    /** TPS with the probe attached for the whole run, and the CPU seconds its bpftrace used meanwhile. */
    private double[] probed(int seconds) throws Exception {
        CountDownLatch attached = new CountDownLatch(1);
        HostProbe probe = new HostProbe(null);
        probe.checkHost();
        Path out = work.resolve("probe.json");
        CompletableFuture<ProbeReport> running = CompletableFuture.supplyAsync(() -> {
            try {
                return new ProbeRun(probe).runAndWrite(postmasterPid(), Duration.ofSeconds(seconds + 30), () -> null, out,
                        left -> attached.countDown());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!attached.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bpftrace did not attach within 300 s");
        }
        ProcessHandle bpftrace = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("bpftrace")).findFirst().orElseThrow();
        double before = cpuSeconds(bpftrace.pid());
        double tps = pgbench(seconds);
        double cpu = cpuSeconds(bpftrace.pid()) - before;
        probe.interrupt();
        running.get(120, TimeUnit.SECONDS);
        return new double[] {tps, cpu};
    }

    private double pgbench(int seconds) throws Exception {
        String output = asPostgres(BIN.resolve("pgbench").toString(), "-h", work.toString(), "-p", Integer.toString(port),
                "-n", "-c", "4", "-j", "2", "-T", Integer.toString(seconds), "postgres");
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench printed no tps: " + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private void start() throws Exception {
        run(List.of("chown", "postgres", work.toString()));
        Path data = work.resolve("data");
        asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust");
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", work.resolve("log").toString(),
                "-o", "-p " + port + " -k " + work + " -c listen_addresses=''", "start");
        asPostgres(BIN.resolve("pgbench").toString(), "-h", work.toString(), "-p", Integer.toString(port), "-i", "-q",
                "-s", "10", "postgres");
    }

    private void stop() throws Exception {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", work.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(work.resolve("data/postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** utime + stime of a process, in seconds (clock ticks of 100 Hz, as Linux reports them to user space). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String asPostgres(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        return run(full);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
