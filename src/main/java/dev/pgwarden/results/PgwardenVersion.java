package dev.pgwarden.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which pgwarden this is: the version and the commit it was built from, as the build wrote them into
 * {@code build.properties}, so every report can say which pgwarden judged.
 *
 * @param version the project's version, or "development" when the classes were not built by Maven
 * @param commit  the abbreviated commit id, with "-dirty" when the work tree had uncommitted changes, or
 *                "unknown" when the build was not in a git checkout
 */
public record PgwardenVersion(String version, String commit) {

    public static final String UNKNOWN_COMMIT = "unknown";
    private static final String RESOURCE = "build.properties";
    private static final PgwardenVersion CURRENT = read();

    public PgwardenVersion {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        if (commit == null || commit.isBlank()) {
            throw new IllegalArgumentException("commit must not be blank");
        }
    }

    /** This pgwarden's. */
    public static PgwardenVersion current() {
        return CURRENT;
    }

    /** "pgwarden 0.1.0 (commit 3c289d1a2b3c)", as {@code --version} prints it. */
    public String describe() {
        return "pgwarden " + version + " (commit " + commit + ")";
    }

    static PgwardenVersion read() {
        Properties properties = new Properties();
        try (InputStream in = PgwardenVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return of(properties.getProperty("version"), properties.getProperty("commit"), properties.getProperty("dirty"));
    }

    /** From the build's values, any of which may be missing or still a placeholder the build could not fill. */
    static PgwardenVersion of(String version, String commit, String dirty) {
        String commitId = filled(commit) ? commit : UNKNOWN_COMMIT;
        if (filled(commit) && "true".equals(dirty)) {
            commitId += "-dirty";
        }
        return new PgwardenVersion(filled(version) ? version : "development", commitId);
    }

    private static boolean filled(String value) {
        return value != null && !value.isBlank() && !value.contains("${");
    }
}
