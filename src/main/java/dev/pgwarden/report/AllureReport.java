package dev.pgwarden.report;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import dev.pgwarden.results.PgwardenVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    static final String ENVIRONMENT = "environment.properties";

    /** Listeners to pass to the run, in this order; results appear as each check finishes. */
    public List<TestExecutionListener> listeners(Path directory) {
        writeEnvironment(directory.resolve(DIRECTORY));
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(directory.resolve(DIRECTORY)));
        return List.of(new AllureJunitPlatform(lifecycle), new AllureCheckDetails(lifecycle));
    }

    /** Allure's report shows {@code environment.properties} as the run's environment: which pgwarden judged. */
    private static void writeEnvironment(Path results) {
        PgwardenVersion pgwarden = PgwardenVersion.current();
        try {
            Files.createDirectories(results);
            AtomicFile.write(results.resolve(ENVIRONMENT), ("pgwarden.version=" + pgwarden.version() + "\npgwarden.commit="
                    + pgwarden.commit() + "\n").getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + results.resolve(ENVIRONMENT), e);
        }
    }
}
