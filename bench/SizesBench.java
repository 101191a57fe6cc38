import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default mode: an embedded PostgreSQL with databases of 1,000, 10,000 and 100,000 tables, the default suite
 * against each through the launcher users run (target/pgwarden) and as plain {@code java -jar}, check_postgres's
 * equivalent actions beside it, a fleet of small databases, what the rules cost, and the budgets each figure must hold.
 */
final class SizesBench {

    // BENCH_SIZES=100,1000 tries the benchmark quickly; each budget is judged on the size it names (10,000 or
    // 100,000 tables), and reported as not measured when BENCH_SIZES leaves that size out.
    static final String DEFAULT_SIZES = "1000,10000,100000";
    static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M");

    final Bench bench;
    Timed firstRun;

    private SizesBench(Bench bench) {
        this.bench = bench;
    }

    static void run(Bench bench, List<String> arguments) throws Exception {
        long start = System.nanoTime();
        int[] sizes = sizes(System.getenv().getOrDefault("BENCH_SIZES", DEFAULT_SIZES));
        bench.startServer();
        try {
            SizesBench bencher = new SizesBench(bench);
            List<SizeResult> results = new ArrayList<>();
            for (int size : sizes) {
                results.add(bencher.measure(size));
            }
            FleetResult fleet = new Fleet(bench).run(Integer.parseInt(System.getenv().getOrDefault("BENCH_FLEET", "100")));
            RuleCost rules = RuleCost.measure(bench);
            new SizesTable(results, fleet, rules, bencher.firstRun).print();
            System.out.printf(Locale.ROOT, "%nbenchmark took %.0f s%n", (System.nanoTime() - start) / 1e9);
        } finally {
            bench.stopServer();
        }
    }

    /** The table counts of {@code BENCH_SIZES}, one or more positive integers separated by commas; a {@link Bench.UsageError} if not. */
    static int[] sizes(String text) {
        try {
            int[] sizes = java.util.Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (sizes.length > 0 && java.util.Arrays.stream(sizes).allMatch(size -> size > 0)) {
                return sizes;
            }
        } catch (NumberFormatException e) {
            // reported below, as an empty or negative size is
        }
        throw new Bench.UsageError("BENCH_SIZES=" + text + ": give one or more table counts separated by commas,"
                + " such as " + DEFAULT_SIZES + " (the default)");
    }

    SizeResult measure(int tables) throws Exception {
        String db = "bench_" + tables;
        long created = System.nanoTime();
        Schema.create(bench, db, tables);
        System.out.printf(Locale.ROOT, "%s: %d tables created in %.0f s%n", db, tables, (System.nanoTime() - created) / 1e9);
        List<Double> walls = new ArrayList<>();
        List<Double> plainWalls = new ArrayList<>();
        List<Double> serverMs = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        List<Long> heaps = new ArrayList<>();
        List<Double> ruleWaits = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        List<String> check = List.of("check", "--url", bench.url(db, Bench.ROLE), "--format", "console");
        if (firstRun == null) {
            firstRun = Timed.run(Bench.concat(List.of(bench.launcher.toString()), check), bench.environment);
            requireVerdict(firstRun);
        }
        int exit = -1;
        // The largest database is run fewer times: each run takes long enough to measure well.
        int times = tables >= 100_000 ? Math.min(bench.runs, 3) : bench.runs;
        for (int i = 0; i < times; i++) {
            resetStatements();
            Timed run = Timed.run(Bench.concat(List.of(bench.launcher.toString()), check), bench.environment);
            exit = requireVerdict(run);
            walls.add(run.millis);
            double[] statements = statementTotals(db);
            serverMs.add(statements[0]);
            rows.add((long) statements[1]);
            heaps.add(peakHeapMb(bench.gcLog(), run.output));
            ruleWaits.add(RuleCost.waitedMs(run.output));
            // For comparison, nothing hidden: the jar as it runs without the launcher.
            plainWalls.add(Timed.run(Bench.concat(List.of("java", "-Xmx256m", "-jar", bench.jar.toString()), check), bench.environment).millis);
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

    double peerActions(String db) throws Exception {
        double total = 0;
        for (String action : Bench.PEER_ACTIONS) {
            Timed t = Timed.run(List.of("check_postgres", "--action=" + action, "--host=localhost", "--port=" + bench.port,
                    "--dbuser=postgres", "--dbname=" + db));
            if (!t.output.startsWith("POSTGRES_")) {
                throw new IllegalStateException("check_postgres --action=" + action + " did not run: " + t.output);
            }
            total += t.millis;
        }
        return total;
    }

    void resetStatements() throws SQLException {
        try (Connection c = bench.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Server time (planning + execution, ms) and rows of every statement the benchmark role ran. */
    double[] statementTotals(String db) throws SQLException {
        try (Connection c = bench.connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(total_plan_time + total_exec_time), 0), coalesce(sum(rows), 0)"
                     + " FROM pg_stat_statements p JOIN pg_roles u ON u.oid = p.userid JOIN pg_database d ON d.oid = p.dbid"
                     + " WHERE u.rolname = '" + Bench.ROLE + "' AND d.datname = '" + db + "'")) {
            r.next();
            return new double[] {r.getDouble(1), r.getDouble(2)};
        }
    }

    /** Where the last run's server time went, statement by statement. */
    void printStatements(String db) throws SQLException {
        try (Connection c = bench.connect("postgres")) {
            Bench.printStatements(c, db);
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
}
