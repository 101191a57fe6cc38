package dev.pgwarden.cli;

import dev.pgwarden.report.AllureReport;
import dev.pgwarden.report.ConsoleReport;
import dev.pgwarden.report.JsonReport;
import dev.pgwarden.report.JunitXmlReport;
import dev.pgwarden.report.MarkdownReport;
import dev.pgwarden.report.NagiosReport;
import dev.pgwarden.report.OpenTestReport;
import dev.pgwarden.report.PreviousRun;
import dev.pgwarden.report.PrometheusReport;
import dev.pgwarden.report.RunProperties;
import dev.pgwarden.report.SarifReport;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.platform.launcher.TestExecutionListener;

/** The report formats asked for with {@code --format}, checked before anything runs. */
final class ReportFormats {

    /** Formats printed to standard output; every other one is a file in {@code --report-dir}. */
    static final Set<String> PRINTED = Set.of("console", "nagios");
    static final List<String> KNOWN = List.of("console", "json", "junit", "allure", "open-test-reporting", "sarif",
            "markdown", "prometheus", "nagios");
    private final Set<String> formats;
    private final Path directory;
    private final RunProperties properties;
    private PreviousRun previous = PreviousRun.NONE;
    private AllureReport allure = new AllureReport();

    /** The suite as the user named it. */
    String suite() {
        return properties.suite();
    }

    private ReportFormats(Set<String> formats, Path directory, RunProperties properties) {
        this.formats = formats;
        this.directory = directory;
        this.properties = properties;
    }

    /**
     * @param explicit   whether the user gave {@code --format}; the default's files are only written with a directory
     * @param properties what reports that describe the run say about it
     */
    static ReportFormats parse(List<String> requested, Path directory, boolean explicit, RunProperties properties) {
        Set<String> formats = new LinkedHashSet<>();
        for (String format : requested) {
            String name = format.trim().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("--format " + format + ": unknown format (known: " + String.join(", ", KNOWN) + ")");
            }
            if (explicit && directory == null && !PRINTED.contains(name)) {
                throw new IllegalArgumentException("--format " + name + " writes a file: give --report-dir DIR");
            }
            formats.add(name);
        }
        if (directory != null) {
            requireWritable(directory);
        }
        return new ReportFormats(formats, directory, properties);
    }

    private static void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException("--report-dir " + directory + ": cannot create it (" + why(e) + ")");
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
        ReportFormats under = new ReportFormats(formats, targetDirectory, properties);
        under.previous = previous;
        under.allure = allure;
        return under;
    }

    /** Allure's files from the CI variables of this environment, continuing the history of an earlier report when given. */
    ReportFormats allureFrom(Map<String, String> environment, Path history) {
        if (history != null && !Files.isDirectory(history)) {
            throw new IllegalArgumentException("--allure-history " + history + ": no such directory");
        }
        this.allure = new AllureReport(environment, history);
        return this;
    }

    PreviousRun previous() {
        return previous;
    }

    /** The same formats marking each finding new or known against an earlier run. */
    ReportFormats comparedWith(PreviousRun earlier) {
        this.previous = earlier;
        return this;
    }

    /** A file-system exception's message is often just the path; say what went wrong instead. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage();
    }

    /** The formats asked for, in the order given. */
    List<String> names() {
        return List.copyOf(formats);
    }

    private boolean writes(String format) {
        return directory != null && formats.contains(format);
    }

    /** Listeners that write their reports while the checks run. */
    List<TestExecutionListener> listeners() {
        List<TestExecutionListener> listeners = new ArrayList<>();
        if (writes("open-test-reporting")) {
            listeners.add(new OpenTestReport().listener());
        }
        if (writes("allure")) {
            listeners.addAll(new AllureReport().listeners(directory));
        }
        return listeners;
    }

    /** Launcher configuration those listeners need. */
    Map<String, String> configuration() {
        return writes("open-test-reporting") ? new OpenTestReport().configuration(directory) : Map.of();
    }

    void write(RunSummary run, PrintWriter out, Severity failOn) throws IOException {
        if (formats.contains("nagios")) {
            // First, so a Nagios-style runner reads the status line as the first line of output.
            new NagiosReport(failOn).write(run, out);
        }
        if (formats.contains("console")) {
            new ConsoleReport(out, previous).write(run);
        }
        if (writes("json")) {
            new JsonReport(previous).write(run, directory);
        }
        if (writes("junit")) {
            new JunitXmlReport(properties, previous).write(run, directory);
        }
        if (writes("allure")) {
            allure.writeEnvironment(run, properties, directory);
        }
        if (writes("open-test-reporting")) {
            new OpenTestReport().removeAccountDetails(directory);
        }
        if (writes("sarif")) {
            new SarifReport(previous).write(run, directory);
        }
        if (writes("markdown")) {
            new MarkdownReport(previous).write(run, directory);
        }
        if (writes("prometheus")) {
            new PrometheusReport().write(run, directory);
        }
    }
}
