import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The table the benchmark prints, with each budget and whether it holds. */
final class SizesTable {

    final List<SizeResult> sizes;
    final FleetResult fleet;
    final RuleCost rules;
    final Timed firstRun;
    final List<String> budgets = new ArrayList<>();

    SizesTable(List<SizeResult> sizes, FleetResult fleet, RuleCost rules, Timed firstRun) {
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
        // The sizes the budgets name; BENCH_SIZES may leave either out, and the budgets on it then say so.
        java.util.Optional<SizeResult> k10 = at(10_000);
        java.util.Optional<SizeResult> k100 = at(100_000);
        SizeResult warm = k10.orElse(sizes.get(sizes.size() - 1));
        double waited = Bench.median(warm.ruleWaitMs());
        System.out.printf(Locale.ROOT, "rules: a warm check on %,d tables waited a median %.0f ms for them (for the checks' metadata,"
                + " then for any check's compiled rules still loading in the background when it got to judge)%n", warm.tables(), waited);
        System.out.printf(Locale.ROOT, "rules, nothing overlapped, in a fresh JVM started as the launcher starts one, with its CDS archive:"
                + " metadata and the default suite's rules %.0f ms as the jar ships them compiled (%.0f ms compiling them from their DRL);"
                + " again in the same JVM %.0f ms%n", rules.loadMs(), rules.uncachedMs(), rules.againMs());
        System.out.println();
        if (k10.isPresent()) {
            double server10 = Bench.median(k10.get().serverMs());
            budget("server SQL at 10,000 tables <= 50 ms", server10 <= 50, String.format(Locale.ROOT, "%.1f ms", server10));
            double ratio = Bench.median(k10.get().wallMs()) / Bench.median(k10.get().peerMs());
            budget("check wall at 10,000 tables <= 0.5 x check_postgres", ratio <= 0.5, String.format(Locale.ROOT, "%.2f x", ratio));
        } else {
            notMeasured("server SQL at 10,000 tables <= 50 ms", 10_000);
            notMeasured("check wall at 10,000 tables <= 0.5 x check_postgres", 10_000);
        }
        if (k10.isPresent() && k100.isPresent()) {
            double wallGrowth = Bench.median(k100.get().wallMs()) / Bench.median(k10.get().wallMs());
            double serverGrowth = Bench.median(k100.get().serverMs()) / Bench.median(k10.get().serverMs());
            budget("100,000 tables: wall <= 11 x the 10,000 figure", wallGrowth <= 11, String.format(Locale.ROOT, "%.1f x", wallGrowth));
            budget("100,000 tables: server SQL <= 11 x the 10,000 figure", serverGrowth <= 11,
                    String.format(Locale.ROOT, "%.1f x", serverGrowth));
        } else {
            notMeasured("100,000 tables: wall <= 11 x the 10,000 figure", k10.isPresent() ? 100_000 : 10_000);
            notMeasured("100,000 tables: server SQL <= 11 x the 10,000 figure", k10.isPresent() ? 100_000 : 10_000);
        }
        if (k100.isPresent()) {
            long heap = java.util.Collections.max(k100.get().heapMb());
            budget("100,000 tables in -Xmx256m without failing", k100.get().exit() <= 1 && heap <= 256,
                    "exit " + k100.get().exit() + ", peak heap " + heap + " MB");
        } else {
            notMeasured("100,000 tables in -Xmx256m without failing", 100_000);
        }
        budget("rules add <= 100 ms to a warm check (its wait)", waited <= 100, String.format(Locale.ROOT, "%.0f ms", waited));
        budget("fleet: 100 databases <= 10 s", fleet.exit() <= 1 && fleet.wallMs() <= 10_000,
                String.format(Locale.ROOT, "%.1f s, exit %d", fleet.wallMs() / 1000, fleet.exit()));
        budgets.forEach(System.out::println);
    }

    private java.util.Optional<SizeResult> at(int tables) {
        return sizes.stream().filter(r -> r.tables() == tables).findFirst();
    }

    private void notMeasured(String name, int tables) {
        budgets.add(String.format(Locale.ROOT, "%-55s %-12s BENCH_SIZES has no %,d", name, "not measured", tables));
    }

    private void budget(String name, boolean held, String value) {
        budgets.add(String.format(Locale.ROOT, "%-55s %-12s %s", name, held ? "held" : "NOT held", value));
    }
}
