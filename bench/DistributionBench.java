import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The distribution's budgets, on Debian's PostgreSQL 15 (BENCH_PG15_URL) and on the embedded 17. */
    static void run(Bench bench, List<String> arguments) throws Exception {
        long start = System.nanoTime();
        bench.startServer();
        try {
            List<String> budgets = new ArrayList<>();
            String pg15 = System.getenv("BENCH_PG15_URL");
            if (pg15 != null) {
                budgets.addAll(new DistributionBench(bench, "PostgreSQL 15 (Debian)", pg15).measure());
            } else {
                System.out.println("BENCH_PG15_URL not set: PostgreSQL 15 left out (a superuser's JDBC URL of a server with pg_stat_statements)");
            }
            Schema.create(bench, "bench_10000", 10_000);
            budgets.addAll(new DistributionBench(bench, "PostgreSQL 17 (embedded)", bench.url("bench_10000", "postgres")).measure());
            System.out.println();
            budgets.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "%nbenchmark took %.0f s%n", (System.nanoTime() - start) / 1e9);
        } finally {
            bench.stopServer();
        }
    }

    List<String> measure() throws Exception {
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
        // As many samples as runs: one pass is tens of milliseconds, and a median of three moved by 15% between runs.
        for (int i = 0; i < bench.runs; i++) {
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
        List<String> budgets = print(db, first, later, peer, pgwardenServer, peerServer, leanServer, leanWarmServer);
        // Where the time goes, from one more run of pgwarden's.
        reset(db);
        verdict(Usage.of(Bench.concat(List.of(laterTree.resolve("bin/pgwarden").toString()), check), environment(laterHome)));
        System.out.println("pgwarden's statements that took the most server time, one later run:");
        try (Connection c = superuser(db)) {
            Bench.printStatements(c, db);
        }
        return budgets;
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
        System.out.printf(Locale.ROOT, "server time (pg_stat_statements, plan + execution), median of %d: pgwarden's default suite %.1f ms,"
                + " one lean pg_stat_get_*() pass over pg_class in a session of its own %.1f ms (%.1f ms a pass after the first in one"
                + " session: %.2f x), check_postgres's 5 actions %.1f ms%n", pgwardenServer.size(), server, lean, leanWarm, server / leanWarm, Bench.median(peerServer));
        double firstRatio = Bench.median(first.stream().map(Usage::wallMs).toList()) / peerWall;
        double laterRatio = Bench.median(later.stream().map(Usage::wallMs).toList()) / peerWall;
        double slowestRatio = later.stream().mapToDouble(Usage::wallMs).max().orElseThrow() / peerWall;
        double cpuRatio = Bench.median(later.stream().map(Usage::cpuMs).toList()) / peerCpu;
        long rss = java.util.stream.Stream.concat(first.stream(), later.stream()).mapToLong(Usage::rssKb).max().orElseThrow() / 1024;
        List<String> budgets = new ArrayList<>();
        budgets.add(budget(label + ": first run (empty HOME) wall <= 0.6 x check_postgres", firstRatio <= 0.6, String.format(Locale.ROOT, "%.2f x (median)", firstRatio)));
        budgets.add(budget(label + ": later runs' wall <= 0.5 x check_postgres", laterRatio <= 0.5, String.format(Locale.ROOT, "%.2f x (median)", laterRatio)));
        budgets.add(budget(label + ": slowest later run wall <= 0.6 x check_postgres", slowestRatio <= 0.6, String.format(Locale.ROOT, "%.2f x", slowestRatio)));
        budgets.add(budget(label + ": later runs' CPU <= 0.8 x check_postgres", cpuRatio <= 0.8, String.format(Locale.ROOT, "%.2f x (median)", cpuRatio)));
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
