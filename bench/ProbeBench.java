import dev.pgwarden.probe.HostProbe;
import dev.pgwarden.probe.LatencyHistogram;
import dev.pgwarden.probe.ProbeReport;
import dev.pgwarden.probe.ProbeRun;
import dev.pgwarden.probe.SignalSelection;
import dev.pgwarden.probe.StatementBackends;
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
import java.util.Optional;
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
 * <p>Both runs of a pair are judged in steady state: pgbench reports each second ({@code -P 1}); the measured seconds
 * begin after a warm-up and, with the probe, once it has attached to the backends it samples (their bpftrace programs
 * compile after pgbench's backends exist) and their CPU has stopped growing. That startup's CPU and memory are printed
 * apart. Beside TPS, which another load on the machine moves by tens of percent from run to run, it prints the
 * cluster's CPU per transaction over the measured seconds (the summed CPU of the postmaster's children: each USDT probe
 * hit is a breakpoint trap in the traced backend); bpftrace's own CPU is printed apart. Dividing the difference by the
 * events the probe counted per transaction gives the cost of one traced event.
 *
 * <p>Needs root, bpftrace and Debian's postgresql-15 (with pgbench). BENCH_PROBE_PAIRS and BENCH_PROBE_SECONDS
 * change the number of pairs (5) and each run's measured seconds (15); BENCH_PROBE_SIGNALS the traced signals
 * (as {@code probe --signals}; default all), BENCH_PROBE_WORKLOADS=defaults leaves out the synchronous_commit=off
 * pairs, BENCH_PROBE_STATEMENT_BACKENDS in how many backends statements are traced
 * (as {@code probe --statement-backends}; default the probe's).
 */
public final class ProbeBench {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final double BUDGET = 0.95;
    private static final int CLK_TCK = 100;
    private static final int CLIENTS = 4;
    /** Seconds of pgbench before the measured ones, in both runs of a pair. */
    private static final int WARM_UP = 5;
    private static final Pattern PROGRESS = Pattern.compile("^progress: ([0-9.]+) s, ([0-9.]+) tps");

    private final Path work;
    private final int port;
    private final SignalSelection signals;
    private final StatementBackends backends;

    /**
     * One pgbench run's measured seconds: TPS, transactions and the cluster's and pgbench's own CPU seconds for them;
     * all its transactions, warm-up included.
     */
    private record Run(double tps, long transactions, double clusterCpu, double clientCpu, long allTransactions) {
        double cpuPerTransactionUs() {
            return 1e6 * clusterCpu / transactions;
        }

        double clientCpuPerTransactionUs() {
            return 1e6 * clientCpu / transactions;
        }
    }

    /**
     * A probed run, the CPU the main bpftrace used in its measured seconds, the events the probe counted by signal,
     * and the startup of the per-backend bpftrace programs: their CPU seconds and peak memory until attached.
     */
    private record Probed(Run run, double bpftraceCpu, Map<String, Long> events, Startup startup) {
        long allEvents() {
            return events.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The per-backend bpftrace programs once attached: how many, their summed CPU seconds and largest RSS. */
    private record Startup(int tracers, double cpu, long rssKb) {
    }

    private ProbeBench(Path work, int port, SignalSelection signals, StatementBackends backends) {
        this.work = work;
        this.port = port;
        this.signals = signals;
        this.backends = backends;
    }

    public static void main(String[] args) throws Exception {
        int pairs = Math.max(3, Integer.parseInt(System.getenv().getOrDefault("BENCH_PROBE_PAIRS", "5")));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_PROBE_SECONDS", "15"));
        SignalSelection signals = System.getenv("BENCH_PROBE_SIGNALS") == null ? SignalSelection.all()
                : SignalSelection.parse(System.getenv("BENCH_PROBE_SIGNALS"));
        StatementBackends backends = StatementBackends.parse(System.getenv()
                .getOrDefault("BENCH_PROBE_STATEMENT_BACKENDS", StatementBackends.DEFAULT));
        Path work = Files.createTempDirectory("pgwarden-probe-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProbeBench bench = new ProbeBench(work, port, signals, backends);
        try {
            bench.start();
            System.out.printf(Locale.ROOT, "probe overhead: pgbench TPC-B (scale 10), %d clients, %d s measured per run"
                            + " after %d s of warm-up and the probe's attaching, %d pairs, signals %s, statements in %s"
                            + " backends; %d CPUs, load average %s%n", CLIENTS, seconds, WARM_UP, pairs, signals, backends,
                    Runtime.getRuntime().availableProcessors(), loadAverage());
            System.out.println(bench.workload("defaults", null, pairs, seconds));
            if (!"defaults".equals(System.getenv("BENCH_PROBE_WORKLOADS"))) {
                System.out.println(bench.workload("synchronous_commit=off", "-c synchronous_commit=off", pairs, seconds));
            }
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
        List<Double> addedCpu = new ArrayList<>();
        double bpftraceCpu = 0;
        List<Startup> startups = new ArrayList<>();
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
            double eventsPerTransaction = (double) probed.allEvents() / probed.run().allTransactions();
            ratios.add(probed.run().tps() / plain.tps());
            plainCpu.add(plain.cpuPerTransactionUs());
            probedCpu.add(probed.run().cpuPerTransactionUs());
            perEvent.add(added / eventsPerTransaction);
            addedCpu.add(added);
            bpftraceCpu += probed.bpftraceCpu();
            startups.add(probed.startup());
            last = probed;
            // pgbench shares the machine and its syscalls pass the same tracepoints: its CPU is printed apart
            System.out.printf(Locale.ROOT, "  %s pair %d: %.0f / %.0f tps without / with the probe (%.1f%%); cluster CPU"
                            + " %.0f / %.0f us per transaction (%+.0f); pgbench's own %.0f / %.0f us; %.1f traced events"
                            + " per transaction; load %s%n",
                    name, i, plain.tps(), probed.run().tps(), 100 * probed.run().tps() / plain.tps(),
                    plain.cpuPerTransactionUs(), probed.run().cpuPerTransactionUs(), added,
                    plain.clientCpuPerTransactionUs(), probed.run().clientCpuPerTransactionUs(), eventsPerTransaction,
                    loadAverage());
        }
        double ratio = median(ratios);
        double without = median(plainCpu);
        double with = median(probedCpu);
        StringBuilder events = new StringBuilder();
        Probed sample = last;
        sample.events().forEach((signal, count) -> events.append(String.format(Locale.ROOT, " %s %.2f,", signal,
                (double) count / sample.run().allTransactions())));
        return String.format(Locale.ROOT, "probe, %s: median TPS with/without %.1f%%%s; median cluster CPU %.0f us per"
                        + " transaction without, %.0f with the probe (%.1f%% of CPU time, so at most %.1f%% TPS where CPU"
                        + " bounds it), the pairs' median difference %+.0f us, which a machine's other load moves less;"
                        + " about %.1f us per traced event (per transaction:%s); bpftrace itself %.2f s CPU per"
                        + " %d s traced; %s", name, 100 * ratio,
                pgOptions == null ? String.format(Locale.ROOT, " (budget >= %.0f%%: %s)", 100 * BUDGET,
                        ratio >= BUDGET ? "held" : "MISSED") : "",
                without, with, 100 * (with - without) / with, 100 * without / with, median(addedCpu), median(perEvent),
                events.substring(0, events.length() - 1), bpftraceCpu / pairs, seconds, startup(startups));
    }

    private static String startup(List<Startup> startups) {
        int tracers = startups.stream().mapToInt(Startup::tracers).sum();
        if (tracers == 0) {
            return "no per-backend bpftrace (statements traced in every backend by the main one)";
        }
        return String.format(Locale.ROOT, "per-backend bpftrace startup %.2f s CPU each to compile and attach (median of"
                        + " %d), up to %d MB RSS", median(startups.stream().map(s -> s.cpu() / s.tracers()).toList()), tracers,
                startups.stream().mapToLong(Startup::rssKb).max().orElse(0) / 1024);
    }

    /**
     * A run with the probe attached: the main bpftrace settles before pgbench starts, the per-backend ones (as many as
     * the sample takes of pgbench's backends) before the measured seconds begin.
     */
    private Probed probed(int seconds, String pgOptions) throws Exception {
        CountDownLatch attached = new CountDownLatch(1);
        HostProbe probe = new HostProbe(null, signals, backends);
        probe.checkHost();
        Path out = work.resolve("probe.json");
        CompletableFuture<ProbeReport> running = CompletableFuture.supplyAsync(() -> {
            try {
                return new ProbeRun(probe).runAndWrite(postmasterPid(), Duration.ofSeconds(seconds + 600), () -> null, out,
                        left -> attached.countDown());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!attached.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bpftrace did not attach within 300 s");
        }
        long main = bpftraces().findFirst().orElseThrow().pid();
        settle(main);
        double before = ownCpu(main);
        int tracers = backends.sampled() && (signals.requests("statements") || signals.requests("lwlock_waits"))
                ? Math.min(backends.limit(), CLIENTS) : 0;
        TracersAttached ready = new TracersAttached(main, tracers);
        Run run = pgbench(seconds, pgOptions, ready);
        double cpu = ownCpu(main) - before;
        probe.interrupt();
        return new Probed(run, cpu, events(running.get(120, TimeUnit.SECONDS)), ready.startup);
    }

    private static java.util.stream.Stream<ProcessHandle> bpftraces() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("bpftrace"));
    }

    /**
     * Whether the per-backend bpftrace programs have all attached and their CPU has not grown for a second; asked once a
     * second. Keeps their startup once they have.
     */
    private static final class TracersAttached implements Ready {
        private final long main;
        private final int expected;
        private double last = -1;
        private Startup startup = new Startup(0, 0, 0);

        TracersAttached(long main, int expected) {
            this.main = main;
            this.expected = expected;
        }

        @Override
        public boolean ready() throws IOException {
            List<ProcessHandle> tracers = bpftraces().filter(p -> p.pid() != main).toList();
            if (tracers.size() < expected) {
                return false;
            }
            double cpu = 0;
            long rss = 0;
            for (ProcessHandle tracer : tracers) {
                cpu += ownCpu(tracer.pid());
                rss = Math.max(rss, rssKb(tracer.pid()));
            }
            boolean settled = cpu == last;
            last = cpu;
            startup = new Startup(tracers.size(), cpu, Math.max(rss, startup.rssKb()));
            return settled;
        }
    }

    /** Whether the measured seconds may begin. */
    private interface Ready {
        boolean ready() throws IOException;
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
        // A signal left out (BENCH_PROBE_SIGNALS) has no section: nothing traced.
        events.put("lock_waits", Optional.ofNullable(report.trace().lockWaits()).orElse(List.of()).stream()
                .mapToLong(w -> w.histogram().samples()).sum());
        events.put("lwlock_waits", Optional.ofNullable(report.trace().lwlockWaits()).orElse(List.of()).stream()
                .mapToLong(w -> w.histogram().samples()).sum());
        events.put("relation_reads", Optional.ofNullable(report.trace().relationReads()).orElse(List.of()).stream()
                .mapToLong(r -> r.reads()).sum());
        return events;
    }

    /** A run without the probe: measured after the warm-up. */
    private Run pgbench(int seconds, String pgOptions) throws Exception {
        return pgbench(seconds, pgOptions, () -> true);
    }

    /**
     * One pgbench run reporting each second: the measured seconds begin at the first report after the warm-up at which
     * {@code ready} holds and last {@code seconds}; then pgbench is stopped. The cluster's CPU is the summed CPU of the
     * postmaster's children over those seconds.
     */
    private Run pgbench(int seconds, String pgOptions, Ready ready) throws Exception {
        // Every run starts right after a checkpoint, so both runs of a pair write the same full-page images: a
        // checkpoint falling inside one run of a pair (every few minutes at this rate) slowed it by tens of percent.
        asPostgres(BIN.resolve("psql").toString(), "-h", work.toString(), "-p", Integer.toString(port), "-X", "-q",
                "-c", "CHECKPOINT", "postgres");
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        long children = postmaster.children().count();
        ProcessBuilder builder = new ProcessBuilder("runuser", "-u", "postgres", "--", BIN.resolve("pgbench").toString(),
                "-h", work.toString(), "-p", Integer.toString(port), "-n", "-c", Integer.toString(CLIENTS), "-j", "2",
                "-P", "1", "-T", "900", "postgres").redirectErrorStream(true);
        if (pgOptions != null) {
            builder.environment().put("PGOPTIONS", pgOptions);
        }
        Process pgbench = builder.start();
        double all = 0;
        double measured = 0;
        double start = -1;
        Map<Long, Double> cpuAtStart = null;
        double cpu = 0;
        Map<Long, Double> clientAtStart = null;
        double clientCpu = 0;
        StringBuilder output = new StringBuilder();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(pgbench.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                Matcher m = PROGRESS.matcher(line);
                if (!m.find()) {
                    continue;
                }
                double at = Double.parseDouble(m.group(1));
                double tps = Double.parseDouble(m.group(2));
                all += tps;
                if (start < 0) {
                    if (at >= WARM_UP && ready.ready()) {
                        start = at;
                        cpuAtStart = childrenCpu(postmaster);
                        clientAtStart = childrenCpu(pgbench.toHandle());
                    }
                } else {
                    measured += tps;
                    if (at >= start + seconds) {
                        cpu = cpuSince(postmaster, cpuAtStart);
                        clientCpu = cpuSince(pgbench.toHandle(), clientAtStart);
                        break;
                    }
                }
            }
        } finally {
            pgbench.destroy();
            pgbench.waitFor(30, TimeUnit.SECONDS);
        }
        if (start < 0 || measured == 0) {
            throw new IllegalStateException("pgbench reported no measured seconds: " + output);
        }
        for (int i = 0; i < 100 && postmaster.children().count() > children; i++) {
            Thread.sleep(100);
        }
        return new Run(measured / seconds, (long) measured, cpu, clientCpu, (long) all);
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

    /** utime + stime of each child of a process (the cluster's backends and auxiliary processes), in seconds. */
    private static Map<Long, Double> childrenCpu(ProcessHandle parent) {
        Map<Long, Double> cpu = new LinkedHashMap<>();
        parent.children().forEach(child -> {
            try {
                cpu.put(child.pid(), ownCpu(child.pid()));
            } catch (IOException e) {
                // it exited while we looked
            }
        });
        return cpu;
    }

    /** The CPU seconds a process's children (the cluster's, or pgbench under runuser) used since {@code atStart}. */
    private static double cpuSince(ProcessHandle parent, Map<Long, Double> atStart) {
        double cpu = 0;
        for (Map.Entry<Long, Double> e : childrenCpu(parent).entrySet()) {
            cpu += e.getValue() - atStart.getOrDefault(e.getKey(), 0.0);
        }
        return cpu;
    }

    /** Resident memory of a process, in kB. */
    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
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
