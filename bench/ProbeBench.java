import dev.pgwarden.probe.HostProbe;
import dev.pgwarden.probe.LatencyHistogram;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeRun;
import dev.pgwarden.probe.SignalSelection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host probe's overhead (bench/run --probe): pgbench TPC-B with 4 clients against Debian's PostgreSQL 15,
 * alternating runs without and with the probe attached, at least three pairs (five by default), twice: with the
 * server's defaults (the budget: TPS with the probe at least 95% of TPS without) and with synchronous_commit=off,
 * where no commit waits for the WAL device and every transaction is CPU, the probe's worst case.
 *
 * <p>Beside TPS, which another load on the machine moves by tens of percent from run to run, it prints the cluster's
 * CPU per transaction with and without the probe: the probe's programs run in the traced backends (each USDT probe
 * hit is a breakpoint trap), so their cost is the backends' CPU, counted in the postmaster's cutime and cstime when
 * pgbench's backends exit; bpftrace's own CPU is printed apart. Dividing the difference by the events the probe
 * counted per transaction gives the cost of one traced event. The probed run starts once bpftrace has attached and
 * its CPU has stopped growing (it compiles and attaches for seconds).
 *
 * <p>Needs root, bpftrace and Debian's postgresql-15 (with pgbench). BENCH_PROBE_PAIRS and BENCH_PROBE_SECONDS
 * change the number of pairs (5) and each run's length (15 s); BENCH_PROBE_SIGNALS the traced signals
 * (as {@code probe --signals}; default all, as the probe traces by default).
 */
public final class ProbeBench {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final double BUDGET = 0.95;
    private static final int CLK_TCK = 100;

    private final Path work;
    private final int port;
    private final SignalSelection signals;

    /** One pgbench run: TPS, transactions, and the cluster's CPU seconds for them. */
    private record Run(double tps, long transactions, double clusterCpu) {
        double cpuPerTransactionUs() {
            return 1e6 * clusterCpu / transactions;
        }
    }

    /** A probed run, the CPU bpftrace itself used meanwhile, and the events the probe counted by signal. */
    private record Probed(Run run, double bpftraceCpu, Map<String, Long> events) {
        long allEvents() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ProbeBench(Path work, int port, SignalSelection signals) {
        this.work = work;
        this.port = port;
        this.signals = signals;
    }

    public static void main(String[] args) throws Exception {
        int pairs = Math.max(3, Integer.parseInt(System.getenv().getOrDefault("BENCH_PROBE_PAIRS", "5")));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROBE_SECONDS", "15"));
        SignalSelection signals = System.getenv("BENCH_PROBE_SIGNALS") == null ? SignalSelection.all()
                : SignalSelection.parse(System.getenv("BENCH_PROBE_SIGNALS"));
        Path work = Files.createTempDirectory("pgwarden-probe-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProbeBench bench = new ProbeBench(work, port, signals);
        try {
            bench.start();
            System.out.printf(Locale.ROOT, "probe overhead: pgbench TPC-B (scale 10), 4 clients, %d s per run, %d pairs,"
                            + " signals %s; %d CPUs, load average %s%n", seconds, pairs, signals,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            String budget = bench.workload("defaults", null, pairs, seconds);
            String worst = bench.workload("synchronous_commit=off", "-c synchronous_commit=off", pairs, seconds);
            System.out.println(budget);
            System.out.println(worst);
            System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
        } finally {
            bench.stop();
            run(List.of("rm", "-rf", work.toString()), null);
        }
    }

    /** Alternating pairs of one workload; returns its summary line. */
    private String workload(String name, String pgOptions, int pairs, int seconds) throws Exception {
        List<Double> ratios = new ArrayList<>();
        List<Double> plainCpu = new ArrayList<>();
        List<Double> probedCpu = new ArrayList<>();
        List<Double> perEvent = new ArrayList<>();
        double bpftraceCpu = 0;
        Probed last = null;
        for (int i = 1; i <= pairs; i++) {
            // alternate which run of a pair goes first, so a drifting machine favours neither
            Run plain;
            Probed probed;
            if (i % 2 == 0) {
                probed = probed(seconds, pgOptions);
                plain = pgbench(seconds, pgOptions);
            } else {
                plain = pgbench(seconds, pgOptions);
                probed = probed(seconds, pgOptions);
            }
            double added = probed.run().cpuPerTransactionUs() - plain.cpuPerTransactionUs();
            double eventsPerTransaction = (double) probed.allEvents() / probed.run().transactions();
            ratios.add(probed.run().tps() / plain.tps());
            plainCpu.add(plain.cpuPerTransactionUs());
            probedCpu.add(probed.run().cpuPerTransactionUs());
            perEvent.add(added / eventsPerTransaction);
            bpftraceCpu += probed.bpftraceCpu();
            last = probed;
            System.out.printf(Locale.ROOT, "  %s pair %d: %.0f / %.0f tps without / with the probe (%.1f%%); cluster CPU"
                            + " %.0f / %.0f us per transaction (%+.0f); %.1f traced events per transaction; load %s%n",
                    name, i, plain.tps(), probed.run().tps(), 100 * probed.run().tps() / plain.tps(),
                    plain.cpuPerTransactionUs(), probed.run().cpuPerTransactionUs(), added, eventsPerTransaction,
                    loadAverage());
        }
        double ratio = median(ratios);
        double without = median(plainCpu);
        double with = median(probedCpu);
        StringBuilder events = new StringBuilder();
        Probed sample = last;
        sample.events().forEach((signal, count) -> events.append(String.format(Locale.ROOT, " %s %.2f,", signal,
                (double) count / sample.run().transactions())));
        return String.format(Locale.ROOT, "probe, %s: median TPS with/without %.1f%%%s; median cluster CPU %.0f us per"
                        + " transaction without, %.0f with the probe (%.1f%% of CPU time, so at most %.1f%% TPS where CPU"
                        + " bounds it); about %.1f us per traced event (per transaction:%s); bpftrace itself %.2f s CPU per"
                        + " %d s traced", name, 100 * ratio,
                pgOptions == null ? String.format(Locale.ROOT, " (budget >= %.0f%%: %s)", 100 * BUDGET,
                        ratio >= BUDGET ? "held" : "MISSED") : "",
                without, with, 100 * (with - without) / with, 100 * without / with, median(perEvent),
                events.substring(0, events.length() - 1), bpftraceCpu / pairs, seconds);
    }

    /** A run with the probe attached and settled for the whole of it. */
    private Probed probed(int seconds, String pgOptions) throws Exception {
        CountDownLatch attached = new CountDownLatch(1);
        HostProbe probe = new HostProbe(null, signals);
        probe.checkHost();
        Path out = work.resolve("probe.json");
        CompletableFuture<ProbeReport> running = CompletableFuture.supplyAsync(() -> {
            try {
                return new ProbeRun(probe).runAndWrite(postmasterPid(), Duration.ofSeconds(seconds + 300), () -> null, out,
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
        settle(bpftrace.pid());
        double before = ownCpu(bpftrace.pid());
        Run run = pgbench(seconds, pgOptions);
        double cpu = ownCpu(bpftrace.pid()) - before;
        probe.interrupt();
        return new Probed(run, cpu, events(running.get(120, TimeUnit.SECONDS)));
    }

    /** Waits until bpftrace's CPU has not grown for a second: it has compiled and attached every probe. */
    private static void settle(long pid) throws Exception {
        double last = -1;
        for (int i = 0; i < 120; i++) {
            double now = ownCpu(pid);
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
        throw new IllegalStateException("bpftrace's CPU still grew after 120 s");
    }

    /** What the probe traced, by signal: the samples of its histograms and the relation reads it counted. */
    private static Map<String, Long> events(ProbeReport report) {
        Map<String, Long> events = new LinkedHashMap<>();
        LatencyHistogram reads = report.histograms().get("reads");
        events.put("reads", reads == null ? 0 : reads.samples());
        events.put("statements", report.trace().statements() == null ? 0 : report.trace().statements().cluster().samples());
        events.put("lock_waits", report.trace().lockWaits().stream().mapToLong(w -> w.histogram().samples()).sum());
        events.put("lwlock_waits", report.trace().lwlockWaits().stream().mapToLong(w -> w.histogram().samples()).sum());
        events.put("relation_reads", report.trace().relationReads().stream().mapToLong(r -> r.reads()).sum());
        return events;
    }

    /** One pgbench run; the cluster's CPU is what its exited children used, once pgbench's backends are reaped. */
    private Run pgbench(int seconds, String pgOptions) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        long children = postmaster.children().count();
        double before = childrenCpu(postmaster.pid());
        String output = run(List.of("runuser", "-u", "postgres", "--", BIN.resolve("pgbench").toString(), "-h",
                work.toString(), "-p", Integer.toString(port), "-n", "-c", "4", "-j", "2", "-T",
                Integer.toString(seconds), "postgres"), pgOptions);
        for (int i = 0; i < 100 && postmaster.children().count() > children; i++) {
            Thread.sleep(100);
        }
        double cpu = childrenCpu(postmaster.pid()) - before;
        return new Run(number(output, "tps = ([0-9.]+)"), (long) number(output, "actually processed: ([0-9]+)"), cpu);
    }

    private static double number(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench printed no " + pattern + ": " + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private void start() throws Exception {
        run(List.of("chown", "postgres", work.toString()), null);
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

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** utime + stime of a process, in seconds. */
    private static double ownCpu(long pid) throws IOException {
        return statTicks(pid, 11) + statTicks(pid, 12);
    }

    /** cutime + cstime: the CPU of a process's exited and reaped children, in seconds. */
    private static double childrenCpu(long pid) throws IOException {
        return statTicks(pid, 13) + statTicks(pid, 14);
    }

    /** A field of /proc/PID/stat counted from the one after the command's closing parenthesis, in clock ticks. */
    private static double statTicks(long pid, int field) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field]) / (double) CLK_TCK;
    }

    private static String asPostgres(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        return run(full, null);
    }

    /** @param pgOptions PGOPTIONS for the command's connections, or null */
    private static String run(List<String> command, String pgOptions) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (pgOptions != null) {
            builder.environment().put("PGOPTIONS", pgOptions);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
