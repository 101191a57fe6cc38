package dev.pgwarden.report;

import dev.pgwarden.results.PgwardenVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * {@code TEST-pgwarden.xml}, written by the JUnit Platform's own legacy XML listener so every CI server
 * that reads Ant/Surefire-style JUnit XML reads it.
 */
public final class JunitXmlReport {

    public static final String FILE_NAME = "TEST-pgwarden.xml";
    public static final String VERSION_PROPERTY = "pgwarden.version";
    public static final String COMMIT_PROPERTY = "pgwarden.commit";

    /** A listener to pass to the run; the file appears in {@code directory} when the run ends. */
    public TestExecutionListener listener(Path directory) {
        // The listener records the JVM's system properties in each file's <properties>: which pgwarden judged.
        PgwardenVersion pgwarden = PgwardenVersion.current();
        System.setProperty(VERSION_PROPERTY, pgwarden.version());
        System.setProperty(COMMIT_PROPERTY, pgwarden.commit());
        return new LegacyXmlReportGeneratingListener(directory, new PrintWriter(new StringWriter()));
    }
}
