package dev.pgwarden.connection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds {@link ConnectionSettings} the way psql would: from {@code --url} (a pgjdbc URL, a libpq URI or libpq's
 * keyword/value string) where
 * given, then the connection service it or {@code PGSERVICE} names ({@link ConnectionServices}) for whatever the
 * URL leaves out, then the PG* environment variables, then built-in defaults: the server's Unix socket in
 * {@code /var/run/postgresql} if it is there, else localhost (see {@link UnixSocket#defaultHost}), port 5432, the
 * OS user, a database named like the user. A host starting with '/' is a Unix socket directory. Without a
 * password from URL, service or {@code PGPASSWORD}, the pgpass file is consulted: {@code PGPASSFILE}, else
 * {@code .pgpass} in the home directory psql uses ({@link UserDirectories#home()}), where the TLS files' defaults
 * are too ({@link TlsFileDefaults}).
 *
 * <p>Supported variables: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGPASSFILE, PGSERVICE, PGSERVICEFILE,
 * PGSYSCONFDIR, PGSSLMODE, PGSSLROOTCERT, PGSSLCERT, PGSSLKEY, PGCONNECT_TIMEOUT, PGOPTIONS.
 */
public final class TargetResolver {

    private final Map<String, String> env;
    private final Optional<Path> homeDir;
    private final Path accountHome;
    private final String osUser;
    private final List<Path> socketDirectories;
    private final ConnectionServices services;

    /**
     * @param env the environment to read PG* variables and {@code HOME} from, usually {@code System.getenv()}
     */
    public TargetResolver(Map<String, String> env) {
        this(env, Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
    }

    /**
     * @param env         as above
     * @param accountHome the account's home directory, usually Java's {@code user.home}: used when {@code HOME} is not set
     */
    public TargetResolver(Map<String, String> env, Path accountHome) {
        this(env, accountHome, System.getProperty("user.name"));
    }

    TargetResolver(Map<String, String> env, Path accountHome, String osUser) {
        this(env, accountHome, osUser, UnixSocket.DEFAULT_DIRECTORIES);
    }

    /**
     * @param socketDirectories where to look for the server's socket when no host is given, first to last; libpq's
     *                          default is {@link UnixSocket#DEFAULT_DIRECTORIES}
     */
    TargetResolver(Map<String, String> env, Path accountHome, String osUser, List<Path> socketDirectories) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env must not be null"));
        this.accountHome = Objects.requireNonNull(accountHome, "accountHome must not be null");
        this.homeDir = new UserDirectories(env, accountHome.toString()).home();
        this.osUser = osUser;
        this.socketDirectories = List.copyOf(socketDirectories);
        this.services = new ConnectionServices(this.env, homeDir, ConnectionServices.DEFAULT_SYSCONFDIR);
    }

    /**
     * Resolves the target.
     *
     * @param urlOrNull the {@code --url} value, or {@code null} to use the environment only
     * @throws TargetConfigException if the URL, the service file or a variable is malformed, the service is not
     *                               defined, or it asks for something pgwarden cannot do (several hosts)
     */
    public ConnectionSettings resolve(String urlOrNull) throws TargetConfigException {
        TargetParts parts = layered(fromUrl(urlOrNull), EnvironmentParts.from(env));
        int port = parts.port() == null ? HostPort.DEFAULT_PORT : parts.port();
        String host = parts.host() == null ? UnixSocket.defaultHost(socketDirectories, port) : parts.host();
        HostPort.requireSingleHost(host);
        String user = parts.user() != null ? parts.user() : osUser;
        if (user == null || user.isBlank()) {
            throw new TargetConfigException("no user given and the OS user is unknown; set PGUSER or put the user in --url");
        }
        String database = parts.database() != null ? parts.database() : user;
        String password = parts.password() != null
                ? parts.password()
                : pgPassPath().flatMap(path -> PgPassFile.load(path).find(UnixSocket.pgPassHost(host), port, database, user))
                        .orElse(null);
        Map<String, String> properties = LibpqOptions.checked(parts.properties());
        if (UnixSocket.isDirectory(host)) {
            return new ConnectionSettings(jdbcUrl(UnixSocket.DEFAULT_TCP_HOST, port, database), user, password,
                    UnixSocket.driverProperties(host, port, properties));
        }
        return new ConnectionSettings(jdbcUrl(host, port, database), user, password,
                TlsFileDefaults.under(homeDir, accountHome).map(tls -> tls.fill(properties)).orElse(properties));
    }

    /** The URL's parts over its service's (or PGSERVICE's) over the environment's, as libpq layers them. */
    private TargetParts layered(TargetParts url, TargetParts environment) throws TargetConfigException {
        TargetParts service = url.service() != null
                ? services.find(url.service(), "service= in the URL")
                : services.find(environment.service(), "PGSERVICE");
        return url.orElse(service).orElse(environment);
    }

    static TargetParts fromUrl(String url) throws TargetConfigException {
        if (url == null) {
            return TargetParts.NONE;
        }
        String trimmed = url.strip();
        if (JdbcUrlParser.accepts(trimmed)) {
            return JdbcUrlParser.parse(trimmed);
        }
        if (LibpqUriParser.accepts(trimmed)) {
            return LibpqUriParser.parse(trimmed);
        }
        if (KeywordValueParser.accepts(trimmed)) {
            return KeywordValueParser.parse(trimmed);
        }
        // Without a scheme it may be no URL at all but a password given in the wrong place: never echo that.
        String shown = trimmed.isEmpty() || trimmed.contains("://") ? "'" + Messages.maskUrl(url) + "'"
                : "a value without a scheme (not shown, in case it is a secret)";
        throw new TargetConfigException("--url must be a JDBC URL (jdbc:postgresql://host:port/db), a URI"
                + " (postgresql://user@host:port/db) or keyword=value settings (host=... dbname=...); got " + shown);
    }

    /** Like libpq: {@code PGPASSFILE}, else {@code .pgpass} in the home directory; none without either. */
    private Optional<Path> pgPassPath() {
        String file = env.get("PGPASSFILE");
        return file == null || file.isBlank() ? homeDir.map(home -> home.resolve(".pgpass")) : Optional.of(Path.of(file));
    }

    /** The one URL form pgwarden hands to pgjdbc; everything else travels as properties. */
    private static String jdbcUrl(String host, int port, String database) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        // pgjdbc form-decodes the path, so a space must not be written as '+'
        String path = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return JdbcUrlParser.PREFIX + "//" + hostPart + ":" + port + "/" + path;
    }
}
