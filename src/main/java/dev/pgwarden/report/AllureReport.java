package dev.pgwarden.report;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;

/**
 * Allure results in {@code DIR/allure-results}: Allure's own JUnit Platform listener writes a result per
 * check, and {@link AllureCheckDetails} adds pgwarden's labels, links and attachments to it while it runs.
 * View them with {@code allure serve DIR/allure-results}.
 */
public final class AllureReport {

    public static final String DIRECTORY = "allure-results";

    /** Listeners to pass to the run, in this order; results appear as each check finishes. */
    public List<TestExecutionListener> listeners(Path directory) {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(directory.resolve(DIRECTORY)));
        return List.of(new AllureJunitPlatform(lifecycle), new AllureCheckDetails(lifecycle));
    }
}
