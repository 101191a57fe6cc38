package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the postmaster whose children the probe traces: a pid given on the command line, or the
 * first line of {@code DIR/postmaster.pid}, which PostgreSQL writes there while the cluster runs.
 * Either way the pid must be a running PostgreSQL process that is not itself a backend.
 */
public final class PostmasterLocator {

    private final Path proc;

    public PostmasterLocator() {
        this(Path.of("/proc"));
    }

    /** @param proc where procfs is mounted; tests point it at a prepared directory */
    PostmasterLocator(Path proc) {
        this.proc = proc;
    }

    public long fromDataDirectory(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            throw new ProbeEnvironmentException("no postmaster.pid in " + dataDirectory
                    + "; is the cluster in " + dataDirectory + " running?");
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot read " + pidFile + ": " + e.getMessage());
        }
        String first = lines.isEmpty() ? "" : lines.get(0).strip();
        try {
            return fromPid(Long.parseLong(first));
        } catch (NumberFormatException e) {
            throw new ProbeEnvironmentException(pidFile + " does not start with a pid (found '" + first + "')");
        }
    }

    public long fromPid(long pid) {
        if (pid <= 0) {
            throw new ProbeEnvironmentException("postmaster pid must be positive, was " + pid);
        }
        String command = command(pid).orElseThrow(() ->
                new ProbeEnvironmentException("no process " + pid + " is running"));
        if (!isPostgres(command)) {
            throw new ProbeEnvironmentException("process " + pid + " is '" + command + "', not a PostgreSQL postmaster");
        }
        long parent = parentOf(pid);
        if (command(parent).filter(PostmasterLocator::isPostgres).isPresent()) {
            throw new ProbeEnvironmentException("process " + pid + " is a PostgreSQL backend; its postmaster is "
                    + parent + " (use --postmaster-pid " + parent + " or --data-dir)");
        }
        return pid;
    }

    /**
     * The data directory of a running postmaster: its working directory, where PostgreSQL changes at start.
     * Reading another user's /proc/PID/cwd needs that user or root.
     */
    public Path dataDirectoryOf(long pid) {
        try {
            return Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("cwd"));
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot read the data directory of postmaster " + pid + " from "
                    + proc.resolve(Long.toString(pid)).resolve("cwd") + " (" + e.getMessage()
                    + "): run as the cluster's owner or root, or give --data-dir");
        }
    }

    /** Parent pid from /proc/PID/stat; the command name in field 2 may contain spaces and parentheses. */
    long parentOf(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(afterName[1]);
        } catch (IOException | RuntimeException e) {
            throw new ProbeEnvironmentException("cannot read the parent of process " + pid + " from " + proc, e);
        }
    }

    private Optional<String> command(long pid) {
        try {
            return Optional.of(Files.readString(proc.resolve(Long.toString(pid)).resolve("comm")).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(String command) {
        return command.equals("postgres") || command.equals("postmaster");
    }
}
