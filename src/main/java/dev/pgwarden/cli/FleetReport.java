package dev.pgwarden.cli;

import dev.pgwarden.report.FleetRecord;
import dev.pgwarden.report.PrometheusReport;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The report of a fleet, from its targets' runs: a section per target in the fleet file's order, the summary
 * line and the exit code; with a report directory, each target's files in {@code DIR/<name>/}, the fleet record
 * and, with the prometheus format, one {@code DIR/pgwarden.prom} for every target. {@code check --targets}
 * writes it as the runs end, {@code merge} again from the shards' records.
 */
final class FleetReport {

    private final ReportFormats reports;
    private final Path reportDir;
    private final Severity bar;

    FleetReport(ReportFormats reports, Path reportDir, Severity bar) {
        this.reports = reports;
        this.reportDir = reportDir;
        this.bar = bar;
    }

    /**
     * @param targetFilesWritten whether each target's files are in its directory already (merge copied them)
     * @return the exit code: 3 when every target was unreachable, 1 when any failed or was unreachable, else 0
     */
    int write(List<FleetRecord.Entry> entries, String shard, int fleetSize, boolean targetFilesWritten, PrintWriter out,
            PrintWriter err) throws IOException {
        int unreachable = 0;
        int healthy = 0;
        for (FleetRecord.Entry entry : entries) {
            RunSummary run = entry.run();
            Path own = reportDir == null || targetFilesWritten ? null : reportDir.resolve(entry.name());
            reports.under(own).write(run, out, bar);
            if (run.targetFailed()) {
                err.println("pgwarden: " + entry.name() + ": " + run.targetFailure());
                unreachable += run.targetUnreachable() ? 1 : 0;
            }
            healthy += ExitCodes.of(run, bar, ExitCodes.Style.DEFAULT) == ExitCodes.OK ? 1 : 0;
        }
        List<RunSummary> runs = entries.stream().map(FleetRecord.Entry::run).toList();
        out.printf("%d targets: %d healthy, %d with failures, %d unreachable%s%n", entries.size(),
                runs.stream().filter(r -> ExitCodes.of(r) == ExitCodes.OK).count(),
                runs.stream().filter(r -> ExitCodes.of(r) == ExitCodes.CHECK_FAILED).count(), unreachable,
                shard == null ? "" : " (shard " + shard + " of a fleet of " + fleetSize + ")");
        out.flush();
        err.flush();
        if (reportDir != null) {
            new FleetRecord(reports.names(), bar.label(), reports.suite(), shard, fleetSize, entries).write(reportDir);
            if (reports.names().contains("prometheus")) {
                new PrometheusReport().write(runs, reportDir);
            }
        }
        if (!entries.isEmpty() && unreachable == entries.size()) {
            return ExitCodes.UNREACHABLE;
        }
        return healthy == entries.size() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
