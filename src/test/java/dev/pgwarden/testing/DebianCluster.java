package dev.pgwarden.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway cluster of Debian's PostgreSQL 15 ({@code /usr/lib/postgresql/15/bin}), whose binary carries
 * the USDT probes the embedded binaries lack and whose extensions come from Debian's packages.
 *
 * <p>The cluster lives in a temporary directory, runs as the {@code postgres} OS user when the tests run as
 * root (PostgreSQL refuses to run as root), listens on 127.0.0.1 on a free port and on a Unix socket in its
 * own directory, and trusts every local connection unless {@link Builder#hba} says otherwise. Tests that
 * need it call {@link #builder()}; where the binaries are missing they are skipped with the reason (install
 * Debian's {@code postgresql-15}). {@link #shared()} is one cluster for every test in the JVM that changes
 * nothing server-wide.
 */
public final class DebianCluster implements AutoCloseable {

    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static DebianCluster shared;

    private final Path directory;
    private final Path dataDirectory;
    private final int port;

    private DebianCluster(Path directory, int port) {
        this.directory = directory;
        this.dataDirectory = directory.resolve("data");
        this.port = port;
    }

    /** Skips the calling test, with the reason, where Debian's PostgreSQL 15 server is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("initdb")),
                "Debian's PostgreSQL 15 is not installed at " + BIN + " (apt-get install postgresql-15)");
        Assumptions.assumeTrue(!runsAsRoot() || Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "running as root, the cluster must run as the postgres OS user, but /usr/sbin/runuser is missing");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One cluster for the whole JVM, for tests that work in a database of their own and change nothing else. */
    public static synchronized DebianCluster shared() {
        if (shared == null) {
            shared = builder().start();
            DebianCluster started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop Debian PostgreSQL 15"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The directory holding the server's Unix socket ({@code .s.PGSQL.<port>}). */
    public Path socketDirectory() {
        return directory;
    }

    /** The postmaster's process id, from the first line of {@code postmaster.pid}. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL logging in as the superuser postgres over TCP. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    /** A new empty database; its name is unique in this JVM. */
    public String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** Runs statements in one session and closes it. */
    public void execute(String database, String... statements) throws SQLException {
        try (Connection c = superuser(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Creates a login role with only pg_monitor and CONNECT on the database, and returns its name. */
    public String monitorRole(String database) throws SQLException {
        String role = "monitor_" + database;
        execute(database, "CREATE ROLE " + role + " LOGIN", "GRANT pg_monitor TO " + role,
                "GRANT CONNECT ON DATABASE " + database + " TO " + role);
        return role;
    }

    /** Runs a program of Debian's PostgreSQL 15 (pgbench, psql ...) as the cluster's OS user; returns its process. */
    public ProcessBuilder program(String name, String... arguments) {
        List<String> command = new ArrayList<>(asClusterUser());
        command.add(BIN.resolve(name).toString());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(directory.toFile());
    }

    /** Stops the server at once and deletes its files. */
    @Override
    public void close() {
        try {
            run(program("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop"), 60);
        } catch (RuntimeException e) {
            // Deleting the directory below still ends a server whose stop failed: it exits when its files go.
        }
        deleteRecursively(directory);
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asClusterUser() {
        return runsAsRoot() ? List.of("/usr/sbin/runuser", "-u", "postgres", "--") : List.of();
    }

    private static void run(ProcessBuilder builder, int timeoutSeconds) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", builder.command()) + " failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is all that is lost.
        }
    }

    /** Settings, extensions and authentication of a cluster before it starts. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private List<String> hba = List.of(
                "local all all trust",
                "host all all 127.0.0.1/32 trust",
                "host all all ::1/128 trust");

        private Builder() {
            settings.put("listen_addresses", "'127.0.0.1'");
            settings.put("autovacuum_naptime", "'1h'");
            settings.put("fsync", "off");
        }

        /** A line of postgresql.conf; the value is written as given (quote strings: {@code "'pg_wait_sampling'"}). */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /** Replaces pg_hba.conf's lines (the default trusts every local and loopback connection). */
        public Builder hba(List<String> lines) {
            hba = List.copyOf(lines);
            return this;
        }

        /** Creates, configures and starts the cluster; skips the calling test where the binaries are missing. */
        public DebianCluster start() {
            assumeInstalled();
            try {
                Path directory = Files.createTempDirectory("pgwarden-pg15-");
                DebianCluster cluster = new DebianCluster(directory, freePort());
                if (runsAsRoot()) {
                    run(new ProcessBuilder("chown", "postgres:postgres", directory.toString()), 30);
                    directory.toFile().setExecutable(true, false);
                }
                run(cluster.program("initdb", "-D", cluster.dataDirectory.toString(), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), 120);
                writeConfiguration(cluster);
                run(cluster.program("pg_ctl", "-D", cluster.dataDirectory.toString(), "-w", "-t", "60",
                        "-l", directory.resolve("server.log").toString(), "start"), 90);
                return cluster;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void writeConfiguration(DebianCluster cluster) throws IOException {
            List<String> conf = new ArrayList<>();
            conf.add("port = " + cluster.port);
            conf.add("unix_socket_directories = '" + cluster.directory + "'");
            settings.forEach((name, value) -> conf.add(name + " = " + value));
            Path postgresqlConf = cluster.dataDirectory.resolve("postgresql.conf");
            Files.write(postgresqlConf, conf, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            Files.write(cluster.dataDirectory.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        }
    }
}
