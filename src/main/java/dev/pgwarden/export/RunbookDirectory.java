package dev.pgwarden.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts a runbook into its directory whole: the files are written into a new directory beside it, which then takes
 * the old one's place, so a reader sees the previous runbook or the new one and never a mix. It replaces only a
 * directory that is empty or holds a previous runbook, never one that holds anything else.
 */
public final class RunbookDirectory {

    private final Path directory;

    public RunbookDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** @throws IllegalArgumentException when the directory holds something other than a runbook */
    public void write(Map<String, String> files) throws IOException {
        refuseForeignContent();
        Path parent = directory.getParent();
        Files.createDirectories(parent);
        Path fresh = Files.createTempDirectory(parent, "." + directory.getFileName() + ".new-");
        // A temporary directory is private; a runbook is for the team, as any directory mkdir makes.
        if (Files.getFileStore(fresh).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(fresh.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            Path old = null;
            if (Files.exists(directory)) {
                old = Files.createTempDirectory(parent, "." + directory.getFileName() + ".old-");
                Files.delete(old);
                Files.move(directory, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, directory, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            if (Files.exists(fresh)) {
                deleteTree(fresh);
            }
        }
    }

    private void refuseForeignContent() throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--out " + directory + " is a file, not a directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isEmpty()) {
                return;
            }
        }
        Path index = directory.resolve(Runbook.INDEX);
        boolean runbook = Files.isRegularFile(index) && Files.readString(index, StandardCharsets.UTF_8).startsWith(Runbook.MARKER);
        boolean onlyPages;
        try (Stream<Path> entries = Files.list(directory)) {
            onlyPages = entries.allMatch(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md"));
        }
        if (!runbook || !onlyPages) {
            throw new IllegalArgumentException("--out " + directory + " is not empty and is not a previous runbook"
                    + " (no " + Runbook.INDEX + " written by pgwarden, or other files beside the pages): give an empty or new directory");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
