package dev.pgwarden.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The command that runs pgwarden here, for hints that tell the user what to run ({@code pgwarden probe}): the
 * name a launcher gives in the system property {@value #PROPERTY} ({@code pgwarden} when PATH finds it, as in
 * the distribution and the image), {@code java -jar <jar>} when the jar was run that way, else {@code pgwarden}.
 */
public final class CommandName {

    /** Set by the launchers (bin/pgwarden, target/pgwarden) to the name they were run by. */
    public static final String PROPERTY = "pgwarden.command";
    private static final String INSTALLED = "pgwarden";

    private CommandName() {
    }

    /** {@code subcommand} (with its arguments) as the user would run it here, e.g. "pgwarden probe --host-only". */
    public static String of(String subcommand) {
        return current() + " " + subcommand;
    }

    static String current() {
        return of(System.getProperty(PROPERTY), System.getProperty("sun.java.command"), ownJar());
    }

    /**
     * @param launcher    the launcher's name for itself, or null
     * @param javaCommand the JVM's main class or jar and its arguments ({@code sun.java.command}), or null
     * @param ownJar      the jar these classes were loaded from, or null when they come from a directory
     */
    static String of(String launcher, String javaCommand, Path ownJar) {
        if (launcher != null && !launcher.isBlank()) {
            return launcher.strip();
        }
        // Only the first word: the rest are pgwarden's arguments, which may hold a password.
        String jar = javaCommand == null ? "" : javaCommand.strip().split(" ", 2)[0];
        if (ownJar != null && jar.endsWith(".jar") && sameFile(Path.of(jar), ownJar)) {
            return "java -jar " + jar;
        }
        return INSTALLED;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }

    private static Path ownJar() {
        try {
            CodeSource source = CommandName.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            return location != null && Files.isRegularFile(location) ? location : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
