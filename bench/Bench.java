import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgwarden's benchmark (run by bench/run): an embedded PostgreSQL with databases of 1,000, 10,000 and
 * 100,000 tables, the default suite against each through the launcher users run (target/pgwarden) and as
 * plain {@code java -jar}, check_postgres's equivalent actions beside it, a fleet of small databases, what
 * the rules cost, and the budgets each figure must hold.
 */
public final class Bench {

    static final String ROLE = "pgwarden_bench";
    // BENCH_SIZES=100,1000,2000 tries the benchmark quickly; the budgets are judged on the default sizes.
    static final int[] SIZES = java.util.Arrays.stream(System.getenv().getOrDefault("BENCH_SIZES", "1000,10000,100000")
            .split(",")).mapToInt(Integer::parseInt).toArray();
    static final String[] PEER_ACTIONS = {"txn_wraparound", "autovac_freeze", "backends", "last_analyze", "last_autovacuum"};
    static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M");

    final Path jar;
    /** target/pgwarden, as the README tells users to run pgwarden; the headline figures are its. */
    final Path launcher;
    final Path work;
    final int runs;
    final Map<String, String> environment;
    final List<String> report = new ArrayList<>();
    EmbeddedPostgres postgres;
    int port;
    Timed firstRun;

    Bench(Path jar, Path work, int runs) {
        this.jar = jar;
        this.launcher = jar.toAbsolutePath().resolveSibling("pgwarden");
        this.work = work;
        this.runs = runs;
        // A cache of its own, so the first run is a user's first run (it writes the CDS
        // archive), and the same JAVA_OPTS for every run, so they share that archive. The debug lines say how
        // long each run waited for its rules.
        this.environment = Map.of("XDG_CACHE_HOME", work.resolve("cache").toString(),
                "JAVA_OPTS", "-Xmx256m -Xlog:gc:file=" + gcLog() + "::filecount=0 -Xlog:gc+heap+exit"
                        + " -Dorg.slf4j.simpleLogger.log.dev.pgwarden.rules=debug");
    }

    Path gcLog() {
        return work.resolve("gc.log");
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--rules-cost")) {
            RuleCost.printInProcess();
            return;
        }
        Path jar = Path.of(args.length > 0 ? args[0] : "target/pgwarden.jar");
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "5"));
        Bench bench = new Bench(jar, Files.createTempDirectory("pgwarden-bench"), runs);
        String mode = args.length > 1 ? args[1] : "";
        try {
            if (mode.equals("--distribution")) {
                bench.runDistribution();
            } else if (mode.equals("--fleet")) {
                bench.runShardedFleet(Integer.parseInt(args.length > 2 ? args[2] : "1000"));
            } else {
                bench.run();
            }
        } finally {
            // Unpacked distributions, homes, caches and reports: about 2 GB after --distribution.
            deleteTree(bench.work);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The embedded PostgreSQL 17 every part of the benchmark measures, with pg_stat_statements. */
    void startServer() throws Exception {
        postgres = EmbeddedPostgres.builder()
                // The demo's binaries for this machine: the jar carries none.
                .setPgBinaryResolver(dev.pgwarden.demo.PostgresBinaries.forThisMachine(System.getenv(),
                        new java.io.PrintWriter(System.err, true)).resolver())
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("pg_stat_statements.max", "10000")
                .setServerConfig("max_locks_per_transaction", "1024")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                // Autovacuum working through freshly created tables would measure itself, not pgwarden.
                .setServerConfig("autovacuum", "off")
                .start();
        port = postgres.getPort();
    }

    /** The distribution's budgets, on Debian's PostgreSQL 15 (BENCH_PG15_URL) and on the embedded 17. */
    void runDistribution() throws Exception {
        long start = System.nanoTime();
        startServer();
        try {
            prepareServer();
            List<String> budgets = new ArrayList<>();
            String pg15 = System.getenv("BENCH_PG15_URL");
            if (pg15 != null) {
                budgets.addAll(new DistributionBench(this, "PostgreSQL 15 (Debian)", pg15).run());
            } else {
                System.out.println("BENCH_PG15_URL not set: PostgreSQL 15 left out (a superuser's JDBC URL of a server with pg_stat_statements)");
            }
            Schema.create(this, "bench_10000", 10_000);
            budgets.addAll(new DistributionBench(this, "PostgreSQL 17 (embedded)", url("bench_10000", "postgres")).run());
            System.out.println();
            budgets.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "%nbenchmark took %.0f s%n", (System.nanoTime() - start) / 1e9);
        } finally {
            postgres.close();
        }
    }

    /** {@code --fleet N}: N databases on one server, 4 shards as concurrent processes, then merge. */
    void runShardedFleet(int databases) throws Exception {
        startServer();
        try {
            prepareServer();
            new ShardedFleet(this).run(databases, 4);
        } finally {
            postgres.close();
        }
    }

    void run() throws Exception {
        long start = System.nanoTime();
        startServer();
        try {
            prepareServer();
            List<SizeResult> results = new ArrayList<>();
            for (int size : SIZES) {
                results.add(measure(size));
            }
            FleetResult fleet = new Fleet(this).run(Integer.parseInt(System.getenv().getOrDefault("BENCH_FLEET", "100")));
            RuleCost rules = RuleCost.measure(this);
            new Table(results, fleet, rules, firstRun).print();
            System.out.printf(Locale.ROOT, "%nbenchmark took %.0f s%n", (System.nanoTime() - start) / 1e9);
        } finally {
            postgres.close();
        }
    }

    void prepareServer() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("CREATE ROLE " + ROLE + " LOGIN IN ROLE pg_monitor");
            System.out.println(value(s, "SELECT version()"));
        }
    }

    SizeResult measure(int tables) throws Exception {
        String db = "bench_" + tables;
        long created = System.nanoTime();
        Schema.create(this, db, tables);
        System.out.printf(Locale.ROOT, "%s: %d tables created in %.0f s%n", db, tables, (System.nanoTime() - created) / 1e9);
        List<Double> walls = new ArrayList<>();
        List<Double> plainWalls = new ArrayList<>();
        List<Double> serverMs = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<Long> heaps = new ArrayList<>();
        List<Double> ruleWaits = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        List<String> check = List.of("check", "--url", url(db, ROLE), "--format", "console");
        if (firstRun == null) {
            firstRun = Timed.run(concat(List.of(launcher.toString()), check), environment);
            requireVerdict(firstRun);
        }
        int exit = -1;
        // The largest database is run fewer times: each run takes long enough to measure well.
        int times = tables >= 100_000 ? Math.min(runs, 3) : runs;
        for (int i = 0; i < times; i++) {
            resetStatements();
            Timed run = Timed.run(concat(List.of(launcher.toString()), check), environment);
            exit = requireVerdict(run);
            walls.add(run.millis);
            double[] statements = statementTotals(db);
            serverMs.add(statements[0]);
            rows.add((long) statements[1]);
            heaps.add(peakHeapMb(gcLog(), run.output));
            ruleWaits.add(RuleCost.waitedMs(run.output));
            // For comparison, nothing hidden: the jar as it runs without the launcher.
            plainWalls.add(Timed.run(concat(List.of("java", "-Xmx256m", "-jar", jar.toString()), check), environment).millis);
            peer.add(peerActions(db));
        }
        printStatements(db);
        return new SizeResult(tables, walls, plainWalls, serverMs, rows, heaps, ruleWaits, peer, exit);
    }

    static int requireVerdict(Timed run) {
        if (run.exit > 1) {
            throw new IllegalStateException("pgwarden check failed with exit " + run.exit + ":\n" + run.output);
        }
        return run.exit;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    double peerActions(String db) throws Exception {
        double total = 0;
        for (String action : PEER_ACTIONS) {
            Timed t = Timed.run(List.of("check_postgres", "--action=" + action, "--host=localhost", "--port=" + port,
                    "--dbuser=postgres", "--dbname=" + db));
            if (!t.output.startsWith("POSTGRES_")) {
                throw new IllegalStateException("check_postgres --action=" + action + " did not run: " + t.output);
            }
            total += t.millis;
        }
        return total;
    }

    void resetStatements() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Server time (planning + execution, ms) and rows of every statement the benchmark role ran. */
    double[] statementTotals(String db) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(total_plan_time + total_exec_time), 0), coalesce(sum(rows), 0)"
                     + " FROM pg_stat_statements p JOIN pg_roles u ON u.oid = p.userid JOIN pg_database d ON d.oid = p.dbid"
                     + " WHERE u.rolname = '" + ROLE + "' AND d.datname = '" + db + "'")) {
            r.next();
            return new double[] {r.getDouble(1), r.getDouble(2)};
        }
    }

    /** Where the last run's server time went, statement by statement. */
    void printStatements(String db) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT total_plan_time + total_exec_time, calls, rows,"
                     + " regexp_replace(left(regexp_replace(query, '^(\\s*--[^\\n]*\\n)*\\s*', ''), 90), '\\s+', ' ', 'g')"
                     + " FROM pg_stat_statements p JOIN pg_roles u ON u.oid = p.userid JOIN pg_database d ON d.oid = p.dbid"
                     + " WHERE u.rolname = '" + ROLE + "' AND d.datname = '" + db + "'"
                     + " ORDER BY 1 DESC LIMIT 6")) {
            while (r.next()) {
                System.out.printf(Locale.ROOT, "    %7.1f ms %3d calls %6d rows  %s%n", r.getDouble(1), r.getLong(2), r.getLong(3), r.getString(4));
            }
        }
    }

    /** The most heap in use at any point the JVM logged: before each collection, and at exit. */
    static long peakHeapMb(Path gcLog, String output) throws IOException {
        long peak = 0;
        Matcher m = GC_LINE.matcher(Files.exists(gcLog) ? Files.readString(gcLog) : "");
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        // At exit: G1's one heap, or the serial collector's generations added up.
        Matcher exit = Pattern.compile("(?:garbage-first heap|def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K").matcher(output);
        long atExit = 0;
        while (exit.find()) {
            atExit += Long.parseLong(exit.group(1));
        }
        return Math.max(peak, atExit / 1024);
    }

    String url(String db, String user) {
        return "jdbc:postgresql://localhost:" + port + "/" + db + "?user=" + user;
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db, "postgres"));
    }

    static String value(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    static double min(List<Double> values) {
        return Collections.min(values);
    }

    static double median(List<? extends Number> values) {
        List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).toList());
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

/** Databases of small tables, created in batches so no transaction needs more locks than the server has. */
final class Schema {

    static final int BATCH = 500;

    static void create(Bench bench, String db, int tables) throws SQLException {
        create(bench::connect, db, tables);
    }

    static void create(Connector server, String db, int tables) throws SQLException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        try (Connection c = server.connect(db); Statement s = c.createStatement()) {
            for (int from = 1; from <= tables; from += BATCH) {
                int to = Math.min(tables, from + BATCH - 1);
                s.execute("DO $$ BEGIN FOR i IN " + from + ".." + to + " LOOP"
                        + " EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, v int)', i);"
                        + " EXECUTE format('INSERT INTO t%s SELECT g, g FROM generate_series(1, 3) g', i);"
                        + " END LOOP; END $$");
            }
            // Some statistics: every tenth table analyzed, a few scanned and updated.
            s.execute("DO $$ BEGIN FOR i IN 1.." + tables + " BY 10 LOOP EXECUTE format('ANALYZE t%s', i); END LOOP; END $$");
            s.execute("DO $$ BEGIN FOR i IN 1.." + tables + " BY 100 LOOP"
                    + " EXECUTE format('UPDATE t%s SET v = v + 1', i);"
                    + " EXECUTE format('SELECT count(*) FROM t%s', i); END LOOP; END $$");
            s.execute("SELECT pg_stat_force_next_flush()");
            s.execute("CHECKPOINT");
        }
    }
}

/** Opens a superuser connection to one database of a server. */
interface Connector {
    Connection connect(String db) throws SQLException;
}

/** A child process's wall time and output. */
final class Timed {

    final double millis;
    final int exit;
    final String output;

    private Timed(double millis, int exit, String output) {
        this.millis = millis;
        this.exit = exit;
        this.output = output;
    }

    static Timed run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    static Timed run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("PGPASSWORD");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        return new Timed((System.nanoTime() - start) / 1e6, exit, output);
    }
}

/** @param wallMs through the launcher, with its CDS archive; plainWallMs as {@code java -jar} */
record SizeResult(int tables, List<Double> wallMs, List<Double> plainWallMs, List<Double> serverMs, List<Long> rows,
        List<Long> heapMb, List<Double> ruleWaitMs, List<Double> peerMs, int exit) {
}

record FleetResult(int databases, int parallel, double wallMs, int exit, String detail) {
}

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
        command.addAll(List.of("-cp", bench.jar.toAbsolutePath().toString(), "bench/Bench.java", "--rules-cost"));
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

/** 100 small databases on one server, checked in one `check --targets` run. */
final class Fleet {

    final Bench bench;

    Fleet(Bench bench) {
        this.bench = bench;
    }

    FleetResult run(int databases) throws Exception {
        int parallel = 8;
        Path targets = create(bench, databases);
        List<Double> walls = new ArrayList<>();
        Timed last = null;
        for (int i = 0; i < 3; i++) {
            last = Timed.run(List.of(bench.launcher.toString(), "check", "--targets", targets.toString(),
                    "--parallel", String.valueOf(parallel), "--format", "console"), bench.environment);
            walls.add(last.millis);
        }
        // pgwarden's last line, not the JVM's heap report after it.
        String tail = last.output.lines().filter(line -> !line.startsWith("[")).reduce((a, b) -> b).orElse("").strip();
        return new FleetResult(databases, parallel, Bench.median(walls), last.exit, tail);
    }

    /** N databases of 20 tables each, from one template, and the fleet file naming them. */
    static Path create(Bench bench, int databases) throws Exception {
        StringBuilder yaml = new StringBuilder("targets:\n");
        try (Connection c = bench.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE fleet_template");
            try (Connection t = bench.connect("fleet_template"); Statement ts = t.createStatement()) {
                ts.execute("DO $$ BEGIN FOR i IN 1..20 LOOP"
                        + " EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, v int)', i); END LOOP; END $$");
            }
            for (int i = 1; i <= databases; i++) {
                s.execute("CREATE DATABASE fleet_" + i + " TEMPLATE fleet_template");
                yaml.append("  - name: fleet-").append(i).append('\n')
                        .append("    url: ").append(bench.url("fleet_" + i, Bench.ROLE)).append('\n');
            }
        }
        Path targets = bench.work.resolve("fleet.yaml");
        Files.writeString(targets, yaml);
        return targets;
    }
}

/** The table the benchmark prints, with each budget and whether it holds. */
final class Table {

    final List<SizeResult> sizes;
    final FleetResult fleet;
    final RuleCost rules;
    final Timed firstRun;
    final List<String> budgets = new ArrayList<>();

    Table(List<SizeResult> sizes, FleetResult fleet, RuleCost rules, Timed firstRun) {
        this.sizes = sizes;
        this.fleet = fleet;
        this.rules = rules;
        this.firstRun = firstRun;
    }

    void print() {
        System.out.println();
        System.out.println("pgwarden runs as the README says, through target/pgwarden (with its CDS archive); 'java -jar' is the same"
                + " jar without the launcher.");
        System.out.println("| tables | pgwarden wall min / median | java -jar median | server SQL median | rows fetched | peak heap (-Xmx256m)"
                + " | check_postgres 5 actions median | pgwarden / peer |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (SizeResult r : sizes) {
            System.out.printf(Locale.ROOT, "| %,d | %.0f / %.0f ms | %.0f ms | %.1f ms | %,.0f | %d MB | %.0f ms | %.2f |%n", r.tables(),
                    Bench.min(r.wallMs()), Bench.median(r.wallMs()), Bench.median(r.plainWallMs()), Bench.median(r.serverMs()),
                    Bench.median(r.rows()), java.util.Collections.max(r.heapMb()), Bench.median(r.peerMs()),
                    Bench.median(r.wallMs()) / Bench.median(r.peerMs()));
        }
        System.out.printf(Locale.ROOT, "%nfirst run through the launcher (writes the CDS archive):"
                + " %.0f ms on %,d tables%n", firstRun.millis, sizes.get(0).tables());
        System.out.printf(Locale.ROOT, "fleet: %d databases, --parallel %d: %.0f ms median wall, exit %d (%s)%n",
                fleet.databases(), fleet.parallel(), fleet.wallMs(), fleet.exit(), fleet.detail());
        SizeResult k10 = sizes.get(1);
        double waited = Bench.median(k10.ruleWaitMs());
        System.out.printf(Locale.ROOT, "rules: a warm check on %,d tables waited a median %.0f ms for them (for the checks' metadata,"
                + " then for any check's compiled rules still loading in the background when it got to judge)%n", k10.tables(), waited);
        System.out.printf(Locale.ROOT, "rules, nothing overlapped, in a fresh JVM started as the launcher starts one, with its CDS archive:"
                + " metadata and the default suite's rules %.0f ms as the jar ships them compiled (%.0f ms compiling them from their DRL);"
                + " again in the same JVM %.0f ms%n", rules.loadMs(), rules.uncachedMs(), rules.againMs());
        System.out.println();
        SizeResult k100 = sizes.get(2);
        double server10 = Bench.median(k10.serverMs());
        budget("server SQL at 10,000 tables <= 50 ms", server10 <= 50, String.format(Locale.ROOT, "%.1f ms", server10));
        double ratio = Bench.median(k10.wallMs()) / Bench.median(k10.peerMs());
        budget("check wall at 10,000 tables <= 0.5 x check_postgres", ratio <= 0.5, String.format(Locale.ROOT, "%.2f x", ratio));
        double wallGrowth = Bench.median(k100.wallMs()) / Bench.median(k10.wallMs());
        double serverGrowth = Bench.median(k100.serverMs()) / server10;
        budget("100,000 tables: wall <= 11 x the 10,000 figure", wallGrowth <= 11, String.format(Locale.ROOT, "%.1f x", wallGrowth));
        budget("100,000 tables: server SQL <= 11 x the 10,000 figure", serverGrowth <= 11, String.format(Locale.ROOT, "%.1f x", serverGrowth));
        long heap = java.util.Collections.max(k100.heapMb());
        budget("100,000 tables in -Xmx256m without failing", k100.exit() <= 1 && heap <= 256,
                "exit " + k100.exit() + ", peak heap " + heap + " MB");
        budget("rules add <= 100 ms to a warm check (its wait)", waited <= 100, String.format(Locale.ROOT, "%.0f ms", waited));
        budget("fleet: 100 databases <= 10 s", fleet.exit() <= 1 && fleet.wallMs() <= 10_000,
                String.format(Locale.ROOT, "%.1f s, exit %d", fleet.wallMs() / 1000, fleet.exit()));
        budgets.forEach(System.out::println);
    }

    private void budget(String name, boolean held, String value) {
        budgets.add(String.format(Locale.ROOT, "%-55s %-10s %s", name, held ? "held" : "NOT held", value));
    }
}

/** A process's wall and CPU time and peak resident memory, as GNU time reports them. */
record Usage(double wallMs, double cpuMs, long rssKb, int exit, String output) {

    static Usage of(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path stats = Files.createTempFile("pgwarden-bench", ".time");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", stats.toString(), "-f", "%e %U %S %M"));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        String[] figures = Files.readAllLines(stats).stream().filter(l -> l.matches("[0-9. ]+")).reduce((a, b) -> b).orElseThrow().split(" ");
        Files.delete(stats);
        return new Usage(wall, (Double.parseDouble(figures[1]) + Double.parseDouble(figures[2])) * 1000, Long.parseLong(figures[3]), exit, output);
    }
}

/**
 * The distribution as a fresh CI job runs it, on one database of 10,000 tables: the tarball unpacked anew
 * with an empty HOME (first run), the same unpacked tree again (later runs), and check_postgres's five
 * equivalent actions, alternating, whole processes; then what each costs the server (pg_stat_statements)
 * beside one lean pass of the pg_stat_get_*() functions over pg_class reading the same columns.
 */
final class DistributionBench {

    static final String PASSWORD = "bench";
    // The columns the default suite's table facts read, straight from the statistics functions, in one pass.
    static final String LEAN_PASS = "SELECT c.oid, c.relnamespace, c.relname, c.relkind, c.reltuples, c.relpages,"
            + " age(c.relfrozenxid), mxid_age(c.relminmxid), pg_stat_get_live_tuples(c.oid), pg_stat_get_dead_tuples(c.oid),"
            + " pg_stat_get_mod_since_analyze(c.oid), pg_stat_get_ins_since_vacuum(c.oid), pg_stat_get_numscans(c.oid),"
            + " pg_stat_get_tuples_returned(c.oid), pg_stat_get_last_vacuum_time(c.oid), pg_stat_get_last_autovacuum_time(c.oid),"
            + " pg_stat_get_last_analyze_time(c.oid), pg_stat_get_last_autoanalyze_time(c.oid)"
            + " FROM pg_class c WHERE c.relkind IN ('r', 'm', 'p')";

    final Bench bench;
    final String label;
    final String base;
    final String host;
    final int port;
    final Path work;

    /** @param superuserUrl jdbc:postgresql://host:port/db?user=...&password=... of a superuser */
    DistributionBench(Bench bench, String label, String superuserUrl) throws IOException {
        this.bench = bench;
        this.label = label;
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]*)(\\?.*)?").matcher(superuserUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + superuserUrl);
        }
        host = m.group(1);
        port = Integer.parseInt(m.group(2));
        base = "jdbc:postgresql://" + host + ":" + port + "/%s" + (m.group(4) == null ? "" : m.group(4));
        work = Files.createDirectories(bench.work.resolve(label.replaceAll("\\W+", "-")));
    }

    Connection superuser(String db) throws SQLException {
        return DriverManager.getConnection(String.format(base, db));
    }

    List<String> run() throws Exception {
        String db = "bench_10000";
        prepare(db);
        Path tarball = tarball();
        List<Usage> first = new ArrayList<>();
        List<Usage> later = new ArrayList<>();
        List<Usage> peer = new ArrayList<>();
        Path laterTree = unpack(tarball, "later");
        Path laterHome = Files.createDirectories(work.resolve("home-later"));
        List<String> check = List.of("check", "--url", "postgresql://" + Bench.ROLE + "@" + host + ":" + port + "/" + db, "--format", "console");
        for (int i = 0; i < bench.runs; i++) {
            Path tree = unpack(tarball, "first-" + i);
            first.add(verdict(Usage.of(Bench.concat(List.of(tree.resolve("bin/pgwarden").toString()), check),
                    environment(Files.createDirectories(work.resolve("home-first-" + i))))));
            later.add(verdict(Usage.of(Bench.concat(List.of(laterTree.resolve("bin/pgwarden").toString()), check), environment(laterHome))));
            peer.add(peer(db));
        }
        List<Double> pgwardenServer = new ArrayList<>();
        List<Double> peerServer = new ArrayList<>();
        List<Double> leanServer = new ArrayList<>();
        List<Double> leanWarmServer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reset(db);
            verdict(Usage.of(Bench.concat(List.of(laterTree.resolve("bin/pgwarden").toString()), check), environment(laterHome)));
            pgwardenServer.add(serverMs(db));
            reset(db);
            peer(db);
            peerServer.add(serverMs(db));
            // One pass in a session of its own, as a tool doing only that pass would run it (and as pgwarden's run
            // is measured): it pays for the session's first catalog and statistics lookups, as pgwarden does.
            reset(db);
            leanPasses(db, 1);
            leanServer.add(serverMs(db));
            // For comparison, passes after the first in one session, whose lookups are cached already.
            reset(db);
            leanPasses(db, 3);
            leanWarmServer.add(serverMs(db) / 3);
        }
        return print(db, first, later, peer, pgwardenServer, peerServer, leanServer, leanWarmServer);
    }

    private void leanPasses(String db, int passes) throws SQLException {
        try (Connection c = DriverManager.getConnection(String.format("jdbc:postgresql://%s:%d/%s", host, port, db), Bench.ROLE, PASSWORD);
             Statement s = c.createStatement()) {
            for (int pass = 0; pass < passes; pass++) {
                try (ResultSet r = s.executeQuery(LEAN_PASS)) {
                    while (r.next()) {
                        r.getLong(1);
                    }
                }
            }
        }
    }

    private List<String> print(String db, List<Usage> first, List<Usage> later, List<Usage> peer, List<Double> pgwardenServer,
            List<Double> peerServer, List<Double> leanServer, List<Double> leanWarmServer) {
        double peerWall = Bench.median(peer.stream().map(Usage::wallMs).toList());
        double peerCpu = Bench.median(peer.stream().map(Usage::cpuMs).toList());
        System.out.printf(Locale.ROOT, "%n%s, %s (10,000 tables), %d alternating runs, whole processes:%n", label, db, bench.runs);
        System.out.println("| how pgwarden was started | wall median (max) | wall vs check_postgres | CPU median | CPU vs check_postgres | peak RSS max |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        row("unpacked distribution, empty HOME, first run", first, peerWall, peerCpu);
        row("the same unpacked tree, later runs", later, peerWall, peerCpu);
        System.out.printf(Locale.ROOT, "| check_postgres, its 5 actions | %.0f ms | 1.00 x | %.0f ms | 1.00 x | %d MB (largest action) |%n",
                peerWall, peerCpu, peer.stream().mapToLong(Usage::rssKb).max().orElse(0) / 1024);
        double server = Bench.median(pgwardenServer);
        double lean = Bench.median(leanServer);
        double leanWarm = Bench.median(leanWarmServer);
        System.out.printf(Locale.ROOT, "server time (pg_stat_statements, plan + execution), median of 3: pgwarden's default suite %.1f ms,"
                + " one lean pg_stat_get_*() pass over pg_class in a session of its own %.1f ms (%.1f ms a pass after the first in one"
                + " session: %.2f x), check_postgres's 5 actions %.1f ms%n", server, lean, leanWarm, server / leanWarm, Bench.median(peerServer));
        double firstRatio = Bench.median(first.stream().map(Usage::wallMs).toList()) / peerWall;
        double laterRatio = later.stream().mapToDouble(Usage::wallMs).max().orElseThrow() / peerWall;
        long rss = java.util.stream.Stream.concat(first.stream(), later.stream()).mapToLong(Usage::rssKb).max().orElseThrow() / 1024;
        List<String> budgets = new ArrayList<>();
        budgets.add(budget(label + ": first run (empty HOME) wall <= 0.6 x check_postgres", firstRatio <= 0.6, String.format(Locale.ROOT, "%.2f x (median)", firstRatio)));
        budgets.add(budget(label + ": any later run wall <= 0.5 x check_postgres", laterRatio <= 0.5, String.format(Locale.ROOT, "%.2f x (slowest)", laterRatio)));
        budgets.add(budget(label + ": peak RSS <= 128 MB", rss <= 128, rss + " MB"));
        budgets.add(budget(label + ": server time <= 1.25 x one lean pass", server <= 1.25 * lean,
                String.format(Locale.ROOT, "%.2f x (%.1f / %.1f ms)", server / lean, server, lean)));
        return budgets;
    }

    private static void row(String how, List<Usage> runs, double peerWall, double peerCpu) {
        double wall = Bench.median(runs.stream().map(Usage::wallMs).toList());
        double cpu = Bench.median(runs.stream().map(Usage::cpuMs).toList());
        System.out.printf(Locale.ROOT, "| %s | %.0f (%.0f) ms | %.2f x | %.0f ms | %.2f x | %d MB |%n", how, wall,
                runs.stream().mapToDouble(Usage::wallMs).max().orElseThrow(), wall / peerWall, cpu, cpu / peerCpu,
                runs.stream().mapToLong(Usage::rssKb).max().orElseThrow() / 1024);
    }

    static String budget(String name, boolean held, String value) {
        return String.format(Locale.ROOT, "%-75s %-10s %s", name, held ? "held" : "NOT held", value);
    }

    private Map<String, String> environment(Path home) {
        // A CI job's: no JAVA_HOME, no java of its own needed, nothing cached.
        return Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "PGPASSWORD", PASSWORD);
    }

    private Usage peer(String db) throws Exception {
        double wall = 0;
        double cpu = 0;
        long rss = 0;
        for (String action : Bench.PEER_ACTIONS) {
            Usage u = Usage.of(List.of("check_postgres", "--action=" + action, "--host=" + host, "--port=" + port,
                    "--dbuser=" + Bench.ROLE, "--dbname=" + db), environment(work));
            if (!u.output().startsWith("POSTGRES_")) {
                throw new IllegalStateException("check_postgres --action=" + action + " did not run: " + u.output());
            }
            wall += u.wallMs();
            cpu += u.cpuMs();
            rss = Math.max(rss, u.rssKb());
        }
        return new Usage(wall, cpu, rss, 0, "");
    }

    private static Usage verdict(Usage run) {
        if (run.exit() > 1) {
            throw new IllegalStateException("pgwarden check failed with exit " + run.exit() + ":\n" + run.output());
        }
        return run;
    }

    private Path unpack(Path tarball, String name) throws Exception {
        Path into = Files.createDirectories(work.resolve(name));
        Timed tar = Timed.run(List.of("tar", "-xzf", tarball.toString(), "-C", into.toString()));
        if (tar.exit != 0) {
            throw new IllegalStateException("cannot unpack " + tarball + ": " + tar.output);
        }
        try (var dirs = Files.list(into)) {
            return dirs.findFirst().orElseThrow();
        }
    }

    private Path tarball() throws IOException {
        try (var files = Files.list(bench.jar.toAbsolutePath().getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("pgwarden-.*-linux-x64\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/pgwarden-*-linux-x64.tar.gz: run mvn package"));
        }
    }

    private void prepare(String db) throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            System.out.println(label + ": " + Bench.value(s, "SELECT version()"));
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + Bench.ROLE + "') THEN CREATE ROLE "
                    + Bench.ROLE + " LOGIN IN ROLE pg_monitor; END IF; END $$");
            s.execute("ALTER ROLE " + Bench.ROLE + " PASSWORD '" + PASSWORD + "'");
            // Planning counts too, for every statement of the bench's role, whatever the server's own setting.
            s.execute("ALTER ROLE " + Bench.ROLE + " SET pg_stat_statements.track_planning = on");
            boolean exists = Bench.value(s, "SELECT count(*) FROM pg_database WHERE datname = '" + db + "'").equals("1");
            if (!exists) {
                long created = System.nanoTime();
                Schema.create(this::superuser, db, 10_000);
                System.out.printf(Locale.ROOT, "%s: %s created in %.0f s%n", label, db, (System.nanoTime() - created) / 1e9);
            }
        }
        try (Connection c = superuser(db); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            Bench.value(s, "SELECT count(*) FROM pg_stat_statements");
        }
    }

    private void reset(String db) throws SQLException {
        // The extension's functions are in the database it was created in.
        try (Connection c = superuser(db); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private double serverMs(String db) throws SQLException {
        try (Connection c = superuser(db); Statement s = c.createStatement()) {
            return Double.parseDouble(Bench.value(s, "SELECT coalesce(sum(total_plan_time + total_exec_time), 0)"
                    + " FROM pg_stat_statements p JOIN pg_roles u ON u.oid = p.userid JOIN pg_database d ON d.oid = p.dbid"
                    + " WHERE u.rolname = '" + Bench.ROLE + "' AND d.datname = '" + db + "'"));
        }
    }
}

/** {@code bench/run --fleet N}: N databases on one server, checked by 4 shards as concurrent processes, then merged. */
final class ShardedFleet {

    final Bench bench;

    ShardedFleet(Bench bench) {
        this.bench = bench;
    }

    void run(int databases, int shards) throws Exception {
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
