package dev.pgwarden.report;

import dev.pgwarden.results.RunSummary;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.platform.launcher.TestExecutionListener;

/**
 * Allure results in {@code DIR/allure-results}: Allure's own JUnit Platform listener writes a result per
 * check, and {@link AllureCheckDetails} adds pgwarden's labels, links and attachments to it while it runs.
 * View them with {@code allure serve DIR/allure-results}.
 */
public final class AllureReport {

    public static final String DIRECTORY = "allure-results";
    /** Allure's report shows this file's properties as the run's environment. */
    public static final String ENVIRONMENT_FILE = "environment.properties";
    private final java.util.Map<String, String> ci;
    private final Path history;

    public AllureReport() {
        this(java.util.Map.of(), null);
    }

    /**
     * @param ci      environment variables that say which CI build runs, for {@code executor.json}
     * @param history a previous Allure report (or its {@code history/}) whose history the trend graphs continue; null for none
     */
    public AllureReport(java.util.Map<String, String> ci, Path history) {
        this.ci = java.util.Map.copyOf(ci);
        this.history = history;
    }

    /** Listeners to pass to the run, in this order; results appear as each check finishes. */
    public List<TestExecutionListener> listeners(Path directory) {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(directory.resolve(DIRECTORY)));
        return List.of(new AllureJunitPlatform(lifecycle), new AllureCheckDetails(lifecycle));
    }

    /** The environment file, with the same allowlist as the JUnit XML's properties. */
    public Path writeEnvironment(RunSummary run, RunProperties properties, Path directory) throws IOException {
        Properties environment = new Properties();
        environment.putAll(properties.of(run));
        // The byte stream form escapes what ISO 8859-1 cannot hold, as readers of .properties files expect.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        environment.store(bytes, "pgwarden " + properties.version());
        Path results = directory.resolve(DIRECTORY);
        var json = dev.pgwarden.results.CheckResultCodec.mapper().writerWithDefaultPrettyPrinter();
        AtomicFile.write(results.resolve("categories.json"), json.writeValueAsBytes(AllureCategories.json()));
        var executor = AllureExecutor.of(ci);
        if (executor.isPresent()) {
            AtomicFile.write(results.resolve("executor.json"), json.writeValueAsBytes(executor.get()));
        }
        if (history != null) {
            AllureHistory.carry(history, results);
        }
        return AtomicFile.write(results.resolve(ENVIRONMENT_FILE), bytes.toByteArray());
    }
}
