package dev.pgwarden.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A server's Unix-domain socket, {@code <directory>/.s.PGSQL.<port>}, where libpq connects when the host names a
 * directory (starts with '/'). pgjdbc reaches it through junixsocket's socket factory, handed the socket file's
 * path; the URL's host is then only a placeholder. As in libpq, TLS is never tried on a socket (a {@code sslmode}
 * of any strength is ignored there) and authentication is up to the server, peer authentication included.
 */
final class UnixSocket {

    /**
     * Where libpq looks when no host is given: its compiled-in socket directory, {@code /var/run/postgresql} in
     * Debian's and Ubuntu's builds (upstream's is {@code /tmp}).
     */
    static final List<Path> DEFAULT_DIRECTORIES = List.of(Path.of("/var/run/postgresql"));

    /** Where pgwarden connects when no host is given and no default directory has the server's socket. */
    static final String DEFAULT_TCP_HOST = "localhost";

    static final String FACTORY_PROPERTY = "socketFactory";
    static final String PATH_PROPERTY = "socketFactoryArg";
    static final String FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

    private static final String FILE_PREFIX = ".s.PGSQL.";

    private UnixSocket() {
    }

    static boolean isDirectory(String host) {
        return host.startsWith("/");
    }

    /**
     * The host to use when none is given: the first of {@code directories} holding the server's socket for this
     * port, as psql connects there first; else {@value #DEFAULT_TCP_HOST} over TCP, where pgwarden connected before
     * it took sockets (libpq itself stops at the socket).
     */
    static String defaultHost(List<Path> directories, int port) {
        return directories.stream()
                .filter(directory -> Files.exists(directory.resolve(FILE_PREFIX + port)))
                .map(Path::toString)
                .findFirst()
                .orElse(DEFAULT_TCP_HOST);
    }

    /**
     * How the pgpass file names this host: libpq matches the default socket directory as {@code localhost} and any
     * other directory by its path.
     */
    static String pgPassHost(String host) {
        return DEFAULT_DIRECTORIES.stream().anyMatch(directory -> directory.toString().equals(host)) ? DEFAULT_TCP_HOST : host;
    }

    /** The driver properties for the socket in {@code directory}: the socket factory and its path, without TLS. */
    static Map<String, String> driverProperties(String directory, int port, Map<String, String> properties) {
        Map<String, String> result = new LinkedHashMap<>(properties);
        result.keySet().removeIf(key -> key.toLowerCase(Locale.ROOT).startsWith("ssl"));
        result.put("sslmode", "disable");
        result.put(FACTORY_PROPERTY, FACTORY);
        result.put(PATH_PROPERTY, Path.of(directory).resolve(FILE_PREFIX + port).toString());
        return result;
    }

    /**
     * The target as psql's URI names it, {@code postgresql://user@/db?host=/var/run/postgresql} (with
     * {@code &port=N} for any port but 5432), when the properties connect through a socket file.
     *
     * @param database the database as the JDBC URL's path writes it (percent-encoded)
     */
    static Optional<String> describe(String user, String database, Map<String, String> properties) {
        String socket = properties.get(PATH_PROPERTY);
        if (!FACTORY.equals(properties.get(FACTORY_PROPERTY)) || socket == null) {
            return Optional.empty();
        }
        Path file = Path.of(socket);
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        String port = name.startsWith(FILE_PREFIX) ? name.substring(FILE_PREFIX.length()) : null;
        Path directory = file.getParent();
        String query = "?host=" + (directory == null ? "/" : directory.toString())
                + (port == null || port.equals(Integer.toString(HostPort.DEFAULT_PORT)) ? "" : "&port=" + port);
        return Optional.of("postgresql://" + user + "@/" + database + query);
    }
}
