package dev.pgwarden.cli;

import dev.pgwarden.engine.CheckLauncher;
import dev.pgwarden.engine.Constants;
import dev.pgwarden.engine.RunPlan;
import dev.pgwarden.engine.RunPlanner;
import dev.pgwarden.report.FleetRecord;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import dev.pgwarden.rules.RuleLoadException;
import dev.pgwarden.connection.TargetConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code check --targets FILE}: the same run against every target of a fleet (or of one {@link Shard} of it),
 * at most {@code parallel} at a time. One target that cannot be reached is reported and the others still run;
 * the report ({@link FleetReport}) has a section per target in the file's order.
 */
final class FleetRun {

    private final List<TargetsFile.Target> targets;
    private final Map<String, String> configuration;
    private final int parallel;
    private final Shard shard;
    /** Each target's plan, made once by {@link #plan} and handed to its run. */
    private final List<RunPlan> plans = new ArrayList<>();

    /** @param shard the slice of the fleet to check, or null for all of it */
    FleetRun(List<TargetsFile.Target> targets, Map<String, String> configuration, int parallel, Shard shard) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel " + parallel + ": must be at least 1");
        }
        this.targets = List.copyOf(targets);
        this.configuration = Map.copyOf(configuration);
        this.parallel = parallel;
        this.shard = shard;
    }

    /**
     * Plans every target before connecting to any, so a bad URL is exit 2 with nothing run; in every shard
     * alike, so a fleet file that one shard rejects is rejected by all.
     */
    List<String> plan(Map<String, String> environment) throws RuleLoadException, TargetConfigException {
        List<String> descriptions = new ArrayList<>();
        for (TargetsFile.Target target : targets) {
            Map<String, String> one = configurationOf(target, Map.of());
            try {
                RunPlan plan = new RunPlanner(environment).plan(one::get);
                plans.add(plan);
                descriptions.add(target.name() + " (" + plan.target().describe() + ")");
            } catch (TargetConfigException e) {
                throw new TargetConfigException("target " + target.name() + ": " + e.getMessage());
            }
        }
        return descriptions;
    }

    /** Runs every target of the shard and writes the fleet's report; returns the exit code. */
    int run(List<String> descriptions, ReportFormats reports, Path reportDir, Severity bar, PrintWriter out, PrintWriter err)
            throws IOException {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (shard == null || shard.owns(targets.get(i).name())) {
                positions.add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, positions.size())));
        AtomicInteger done = new AtomicInteger();
        boolean terminal = System.console() != null;
        List<Future<RunSummary>> runs = new ArrayList<>();
        try {
            for (int position : positions) {
                TargetsFile.Target target = targets.get(position);
                String description = descriptions.get(position);
                ReportFormats own = reports.under(reportDir == null ? null : reportDir.resolve(target.name()));
                runs.add(pool.submit(() -> {
                    RunSummary run = new CheckLauncher().run(description, plans.get(position), configurationOf(target, own.configuration()),
                            own.listeners());
                    if (terminal) {
                        err.println("pgwarden: [" + done.incrementAndGet() + "/" + positions.size() + "] " + target.name() + ": " + status(run));
                        err.flush();
                    }
                    return run;
                }));
            }
            List<FleetRecord.Entry> entries = new ArrayList<>();
            for (int i = 0; i < positions.size(); i++) {
                entries.add(new FleetRecord.Entry(targets.get(positions.get(i)).name(), positions.get(i), result(runs.get(i))));
            }
            return new FleetReport(reports, reportDir, bar).write(entries, shard == null ? null : shard.toString(), targets.size(),
                    false, out, err);
        } finally {
            pool.shutdownNow();
        }
    }

    /** @param reporting what the target's report listeners need, such as Open Test Reporting's switch */
    private Map<String, String> configurationOf(TargetsFile.Target target, Map<String, String> reporting) {
        Map<String, String> one = new LinkedHashMap<>(configuration);
        one.put(Constants.URL, target.url());
        one.putAll(reporting);
        return one;
    }

    private static String status(RunSummary run) {
        return switch (ExitCodes.of(run)) {
            case ExitCodes.OK -> "healthy";
            case ExitCodes.CHECK_FAILED -> "failed";
            default -> "unreachable";
        };
    }

    private static RunSummary result(Future<RunSummary> run) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the fleet", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a fleet target's run failed: " + e.getCause(), e.getCause());
        }
    }
}
