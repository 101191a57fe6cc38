package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Collects {@link HostAccess} for a cluster from its data directory: postmaster.pid names the postmaster (for its
 * user and umask), the socket directory and the port; pg_hba.conf is the one given, or the data directory's, or
 * the one beside the configuration file the postmaster was started with ({@code -c config_file=...}, as
 * Debian's clusters are); the extension directory is the share directory of the pg_config beside the postmaster's
 * binary; the operating system around it comes from {@link HostSystemCollector}. Reading another user's
 * /proc/PID/status and files needs that user or root.
 */
final class HostAccessCollector {

    private final Path proc;
    private final HostSystemCollector system;

    HostAccessCollector(Path proc) {
        this.proc = proc;
        this.system = new HostSystemCollector(Path.of("/"), proc);
    }

    HostAccess collect(Path dataDirectory, Path hbaFile) {
        List<String> pidFile = lines(dataDirectory.resolve("postmaster.pid"));
        String pid = pidFile.isEmpty() ? "" : pidFile.get(0).strip();
        List<HostPath> paths = new ArrayList<>();
        stat("data directory", dataDirectory).ifPresent(paths::add);
        Path hba = hbaFile != null ? hbaFile : defaultHbaFile(dataDirectory, pid);
        if (hba != null) {
            stat("pg_hba.conf", hba).ifPresent(paths::add);
        }
        if (pidFile.size() > 4 && !pidFile.get(4).isBlank()) {
            Path socketDirectory = Path.of(pidFile.get(4).strip());
            stat("socket directory", socketDirectory).ifPresent(paths::add);
            stat("socket", socketDirectory.resolve(".s.PGSQL." + pidFile.get(3).strip())).ifPresent(paths::add);
        }
        system.binary(pid).flatMap(HostAccessCollector::extensionDirectory).flatMap(d -> stat("extension directory", d))
                .ifPresent(paths::add);
        String user = pid.isEmpty() ? "" : owner(proc.resolve(pid));
        return new HostAccess(user, umask(pid), first(dataDirectory.resolve("PG_VERSION")),
                databasesInitialized(dataDirectory.resolve("base")), "1".equals(first(proc.resolve("sys/crypto/fips_enabled"))),
                paths, system.collect(pid, user));
    }

    /** The installation's extension directory: pg_config beside the postmaster's binary names its share directory. */
    private static Optional<Path> extensionDirectory(Path binary) {
        String share = HostSystemCollector.output(List.of(binary.resolveSibling("pg_config").toString(), "--sharedir")).strip();
        return share.isEmpty() ? Optional.empty() : Optional.of(Path.of(share, "extension"));
    }

    private Path defaultHbaFile(Path dataDirectory, String pid) {
        Path inData = dataDirectory.resolve("pg_hba.conf");
        if (Files.exists(inData) || pid.isEmpty()) {
            return inData;
        }
        String commandLine = first(proc.resolve(pid).resolve("cmdline")).replace('\0', ' ');
        int at = commandLine.indexOf("config_file=");
        if (at < 0) {
            return null;
        }
        String config = commandLine.substring(at + "config_file=".length()).split(" ")[0];
        return Path.of(config).resolveSibling("pg_hba.conf");
    }

    private int umask(String pid) {
        if (pid.isEmpty()) {
            return -1;
        }
        return lines(proc.resolve(pid).resolve("status")).stream().filter(l -> l.startsWith("Umask:"))
                .map(l -> Integer.parseInt(l.substring("Umask:".length()).strip(), 8)).findFirst().orElse(-1);
    }

    private static boolean databasesInitialized(Path base) {
        try (Stream<Path> databases = Files.list(base)) {
            return databases.anyMatch(d -> Files.isRegularFile(d.resolve("PG_VERSION")));
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<HostPath> stat(String label, Path path) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new HostPath(label, path.toString(), mode(attributes), attributes.owner().getName(),
                    attributes.group().getName()));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static int mode(PosixFileAttributes attributes) {
        int mode = 0;
        for (PosixFilePermission permission : attributes.permissions()) {
            // The enum runs OWNER_READ ... OTHERS_EXECUTE, from the highest bit (0400) to the lowest (01).
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    private static String owner(Path path) {
        try {
            return Files.getOwner(path).getName();
        } catch (IOException e) {
            return "";
        }
    }

    private static String first(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
