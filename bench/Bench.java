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
import java.util.Locale;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * pgwarden's benchmark (run by bench/run): what every mode shares (the jar and its launcher, a work directory,
 * the embedded PostgreSQL 17 with pg_stat_statements, the benchmark's role) and the modes themselves, each a
 * class of its own that measures one thing: {@link SizesBench} (the default), {@link DistributionBench},
 * {@link ShardedFleet}.
 */
public final class Bench {

    static final String ROLE = "pgwarden_bench";
    static final String[] PEER_ACTIONS = {"txn_wraparound", "autovac_freeze", "backends", "last_analyze", "last_autovacuum"};

    /** A mode: the argument that picks it (none for the default), and what it runs with the rest of the arguments. */
    interface Mode {
        void run(Bench bench, List<String> arguments) throws Exception;
    }

    /** One more mode is one more class and one more line here. */
    static final Map<String, Mode> MODES = Map.of(
            "", SizesBench::run,
            "--distribution", DistributionBench::run,
            "--fleet", ShardedFleet::run,
            "--probe", (bench, arguments) -> ProbeBench.main(new String[0]));

    final Path jar;
    /** target/pgwarden, as the README tells users to run pgwarden; the headline figures are its. */
    final Path launcher;
    final Path work;
    final int runs;
    final Map<String, String> environment;
    EmbeddedPostgres postgres;
    int port;

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

    /** {@code JAR [MODE [ARGUMENTS...]]}, or {@code --rules-cost} in the JVM {@link RuleCost} starts. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--rules-cost")) {
            RuleCost.printInProcess();
            return;
        }
        Path jar = Path.of(args.length > 0 ? args[0] : "target/pgwarden.jar");
        String name = args.length > 1 ? args[1] : "";
        Mode mode = MODES.get(name);
        if (mode == null) {
            System.err.println("bench: unknown mode " + name + "; the modes: none (the default), "
                    + String.join(", ", new java.util.TreeSet<>(MODES.keySet()).tailSet("", false)));
            System.exit(2);
        }
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "5"));
        Bench bench = new Bench(jar, Files.createTempDirectory("pgwarden-bench"), runs);
        boolean usable = true;
        try {
            mode.run(bench, args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of());
        } catch (UsageError e) {
            System.err.println("bench: " + e.getMessage());
            usable = false;
        } finally {
            // Unpacked distributions, homes, caches and reports: about 2 GB after --distribution.
            deleteTree(bench.work);
        }
        if (!usable) {
            System.exit(2);
        }
    }

    /** A setting the benchmark cannot run with, said before anything starts. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The embedded PostgreSQL 17 every part of the benchmark measures, with pg_stat_statements and the benchmark's role. */
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
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("CREATE ROLE " + ROLE + " LOGIN IN ROLE pg_monitor");
            System.out.println(value(s, "SELECT version()"));
        }
    }

    void stopServer() throws IOException {
        postgres.close();
    }

    String url(String db, String user) {
        return "jdbc:postgresql://localhost:" + port + "/" + db + "?user=" + user;
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db, "postgres"));
    }

    /** The six statements of the benchmark role in {@code db} that took the most server time (planning + execution). */
    static void printStatements(Connection c, String db) throws SQLException {
        try (Statement s = c.createStatement();
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

    static String value(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
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
