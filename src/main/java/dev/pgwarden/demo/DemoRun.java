package dev.pgwarden.demo;

import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.report.ConsoleReport;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo from start to end: seed, check (fails), apply the remediations, check again (passes). Returns
 * whether it went that way.
 */
public final class DemoRun {

    /** Demo thresholds, lowered so the seeded problems show on a small database in seconds. */
    static final Map<String, String> THRESHOLDS = Map.of(
            "xid-age.warn_age", String.valueOf(DemoSeeder.BURNED_XIDS / 2),
            "seq-scan-large-table.min_size", "1MB");

    private final PrintWriter out;

    public DemoRun(PrintWriter out) {
        this.out = out;
    }

    public boolean run(DemoCluster cluster) throws SQLException {
        DemoSeeder seeder = new DemoSeeder(cluster);
        say("Seeding database 'demo' with one problem per check...");
        seeder.oldUnfrozenTable();
        seeder.deadTuplesWithAutovacuumDisabled();
        seeder.neverAnalyzedTables();
        seeder.sequentiallyScannedTable();
        seeder.indexLeftInvalidByATimedOutBuild();
        seeder.collationVersionMovedUnderAnIndex();
        List<Connection> held = seeder.saturatedConnections(15, 5);
        say("Demo thresholds (lowered for a small database): " + new java.util.TreeMap<>(THRESHOLDS));
        say("");
        say("== First run: the checks should fail ==");
        RunSummary before = check(cluster);
        say("");
        say("== Applying the remediations from the findings ==");
        // The pooler goes first: CREATE INDEX CONCURRENTLY waits for the open transactions to end.
        say("  (a pooler takes over the application's sessions: closing 12 of the demo's idle client sessions)");
        closeAll(held.subList(0, 12));
        new DemoRemediator(cluster).apply(before.checks(), statement -> say("  " + statement));
        say("  (the application's workload runs again, now on the new index, in a new statistics window)");
        resetTableCounters(cluster);
        seeder.pageViewWorkload();
        say("");
        say("== Second run: the checks should pass ==");
        RunSummary after = check(cluster);
        closeAll(held);
        // The demo has no host probe, so the probe's checks are skipped both times; every other check must flip.
        long judged = before.checks().size() - before.count(Status.SKIPPED);
        return judged > 0 && before.count(Status.FAILED) == judged && after.count(Status.PASSED) == judged;
    }

    private RunSummary check(DemoCluster cluster) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(Constants.URL, cluster.url());
        configuration.put(Constants.SET, String.join(";", THRESHOLDS.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        RunSummary summary = new CheckLauncher().run(cluster.describe(), configuration, List.of());
        new ConsoleReport(out).write(summary);
        return summary;
    }

    private static void resetTableCounters(DemoCluster cluster) throws SQLException {
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_reset_single_table_counters('demo.page_views'::regclass)");
        }
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                // Closing a demo session that is already gone changes nothing.
            }
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
