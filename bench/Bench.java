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
        bench.run();
    }

    void run() throws Exception {
        long start = System.nanoTime();
        postgres = EmbeddedPostgres.builder()
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
        try (Connection c = bench.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        try (Connection c = bench.connect(db); Statement s = c.createStatement()) {
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
