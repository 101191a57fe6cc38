package dev.pgwarden.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a connection service the way libpq does: in the user's service file, {@code PGSERVICEFILE} (which must
 * exist) or else {@code ~/.pg_service.conf} (if it exists), then in the system-wide {@code pg_service.conf} under
 * {@code PGSYSCONFDIR}, or else libpq's compiled-in configuration directory ({@code /etc/postgresql-common} in
 * Debian's and Ubuntu's builds). The first file defining the service gives all of its settings; a service defined
 * nowhere is an error naming the files searched.
 */
final class ConnectionServices {

    static final Path DEFAULT_SYSCONFDIR = Path.of("/etc/postgresql-common");
    private static final String FILE_NAME = "pg_service.conf";

    private final Map<String, String> env;
    private final Optional<Path> home;
    private final Path sysconfdir;

    /**
     * @param env        the environment, for PGSERVICEFILE and PGSYSCONFDIR
     * @param home       the home directory psql uses ({@link UserDirectories#home()})
     * @param sysconfdir the system-wide directory when PGSYSCONFDIR is not set
     */
    ConnectionServices(Map<String, String> env, Optional<Path> home, Path sysconfdir) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.sysconfdir = sysconfdir;
    }

    /**
     * The settings of the service, or {@link TargetParts#NONE} when {@code service} is null.
     *
     * @param origin how the service was named, for messages, e.g. {@code PGSERVICE}
     */
    TargetParts find(String service, String origin) throws TargetConfigException {
        if (service == null) {
            return TargetParts.NONE;
        }
        List<String> searched = new ArrayList<>();
        String serviceFile = nonBlank(env.get("PGSERVICEFILE"));
        Optional<Path> user = serviceFile != null ? Optional.of(Path.of(serviceFile)) : home.map(h -> h.resolve(".pg_service.conf"));
        if (serviceFile != null && !Files.exists(user.get())) {
            throw new TargetConfigException("service file " + serviceFile + " (PGSERVICEFILE) not found, looking up service '"
                    + service + "' (" + origin + ")");
        }
        Optional<TargetParts> found = Optional.empty();
        if (user.isPresent()) {
            found = lookUp(user.get(), service, searched);
        }
        if (found.isEmpty()) {
            String systemDirectory = nonBlank(env.get("PGSYSCONFDIR"));
            found = lookUp((systemDirectory == null ? sysconfdir : Path.of(systemDirectory)).resolve(FILE_NAME), service, searched);
        }
        return found.orElseThrow(() -> new TargetConfigException("definition of service '" + service + "' (" + origin
                + ") not found; searched " + String.join(", ", searched)));
    }

    private static Optional<TargetParts> lookUp(Path file, String service, List<String> searched) throws TargetConfigException {
        if (!Files.exists(file)) {
            searched.add(file + " (no such file)");
            return Optional.empty();
        }
        searched.add(file.toString());
        return ServiceFile.read(file).section(service);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
