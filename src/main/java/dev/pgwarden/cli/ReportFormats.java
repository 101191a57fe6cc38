package dev.pgwarden.cli;

import dev.pgwarden.report.ConsoleReport;
import dev.pgwarden.report.JsonReport;
import dev.pgwarden.report.JunitXmlReport;
import dev.pgwarden.results.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.platform.launcher.TestExecutionListener;

/** The report formats asked for with {@code --format}, checked before anything runs. */
final class ReportFormats {

    static final Set<String> KNOWN = Set.of("console", "json", "junit");
    private final Set<String> formats;
    private final Path directory;

    private ReportFormats(Set<String> formats, Path directory) {
        this.formats = formats;
        this.directory = directory;
    }

    static ReportFormats parse(List<String> requested, Path directory) {
        Set<String> formats = new LinkedHashSet<>();
        for (String format : requested) {
            String name = format.trim().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("--format " + format + ": unknown format (known: console, json, junit)");
            }
            formats.add(name);
        }
        if (directory != null) {
            requireWritable(directory);
        }
        return new ReportFormats(formats, directory);
    }

    private static void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException("--report-dir " + directory + ": cannot create it (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalArgumentException("--report-dir " + directory + ": not writable");
        }
    }

    /** The same formats with files in another directory: a fleet target's own. */
    ReportFormats under(Path targetDirectory) {
        if (targetDirectory != null) {
            requireWritable(targetDirectory);
        }
        return new ReportFormats(formats, targetDirectory);
    }

    List<TestExecutionListener> listeners() {
        List<TestExecutionListener> listeners = new ArrayList<>();
        if (directory != null && formats.contains("junit")) {
            listeners.add(new JunitXmlReport().listener(directory));
        }
        return listeners;
    }

    void write(RunSummary run, PrintWriter out) throws IOException {
        if (formats.contains("console")) {
            new ConsoleReport(out).write(run);
        }
        if (directory != null && formats.contains("json")) {
            new JsonReport().write(run, directory);
        }
    }
}
