package dev.pgwarden.cli;

import dev.pgwarden.report.FleetRecord;
import dev.pgwarden.results.Severity;
import dev.pgwarden.report.RunProperties;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pgwarden merge DIR...}: the report directories of the N shards of a fleet ({@code check --targets
 * FILE --shard I/N --report-dir DIR}) as the one report a single run over the whole fleet would have written:
 * the same console sections and summary, exit code, target directories and fleet-wide files.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Combine the report directories of a fleet's shards (check --targets --shard I/N --report-dir) into one report,"
                + " as one run over the whole fleet would have written it, and exit as it would have.")
final class MergeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' report directories, one per shard, in any order.")
    List<Path> shards;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Write the merged report here: every target's directory and the fleet-wide files (default: print only).")
    Path reportDir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<FleetRecord> records = new ArrayList<>();
        ReportFormats reports;
        try {
            shards.forEach(shard -> records.add(FleetRecord.read(shard)));
            requireOneWholeFleet(records);
            reports = ReportFormats.parse(records.get(0).formats(), reportDir, false,
                    new RunProperties(VersionProvider.version(), records.get(0).suite()));
        } catch (IllegalArgumentException e) {
            err.println("pgwarden: merge: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<FleetRecord.Entry> entries = records.stream().flatMap(record -> record.targets().stream())
                .sorted(Comparator.comparingInt(FleetRecord.Entry::position)).toList();
        try {
            if (reportDir != null) {
                for (int i = 0; i < records.size(); i++) {
                    for (FleetRecord.Entry entry : records.get(i).targets()) {
                        copy(shards.get(i).resolve(entry.name()), reportDir.resolve(entry.name()));
                    }
                }
            }
            return new FleetReport(reports, reportDir, Severity.parse(records.get(0).failOn()))
                    .write(entries, null, records.get(0).fleetSize(), true, spec.commandLine().getOut(), err);
        } catch (IOException | UncheckedIOException e) {
            err.println("pgwarden: merge: cannot write " + reportDir + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Every shard of one fleet, each once, asked for alike: else the merged report would not be the fleet's. */
    private void requireOneWholeFleet(List<FleetRecord> records) {
        FleetRecord first = records.get(0);
        Map<Integer, Path> byIndex = new TreeMap<>();
        int count = first.shard() == null ? 1 : Integer.parseInt(first.shard().split("/")[1]);
        for (int i = 0; i < records.size(); i++) {
            FleetRecord record = records.get(i);
            Path dir = shards.get(i);
            if (!record.formats().equals(first.formats()) || !record.failOn().equals(first.failOn()) || record.fleetSize() != first.fleetSize()) {
                throw new IllegalArgumentException(dir + " and " + shards.get(0) + " are not shards of one run"
                        + " (formats, --fail-on or the fleet's size differ)");
            }
            String[] shard = record.shard() == null ? new String[] {"0", "1"} : record.shard().split("/");
            if (Integer.parseInt(shard[1]) != count) {
                throw new IllegalArgumentException(dir + " is shard " + record.shard() + ", " + shards.get(0) + " one of " + count);
            }
            Path other = byIndex.put(Integer.parseInt(shard[0]), dir);
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + dir + " are both shard " + record.shard());
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("shard " + String.join(", ", missing) + " missing: give every shard's report directory");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
