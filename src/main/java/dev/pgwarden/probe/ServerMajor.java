package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The running cluster's major version, from {@code PG_VERSION} in the postmaster's working directory. */
final class ServerMajor {

    /** Assumed when the version cannot be read: lock tag numbers are those of every release since 14. */
    static final int ASSUMED = 14;

    private ServerMajor() {
    }

    static int of(Path proc, long postmasterPid) {
        try {
            String text = Files.readString(proc.resolve(Long.toString(postmasterPid)).resolve("cwd").resolve("PG_VERSION")).strip();
            return Integer.parseInt(text.contains(".") ? text.substring(0, text.indexOf('.')) : text);
        } catch (IOException | RuntimeException e) {
            return ASSUMED;
        }
    }
}
