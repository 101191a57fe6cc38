package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects {@link HostFacts} for a cluster from its data directory: the filesystems under it, its
 * {@code pg_wal} and each tablespace ({@code pg_tblspc/<oid>}, symlinks followed), grouped by mount point,
 * and /proc/meminfo; and who runs the cluster and who may reach its files ({@link HostAccess}). Needs no root,
 * only the right to look into the data directory (its owner, or root).
 */
public final class HostFactsCollector {

    private final Path proc;

    public HostFactsCollector() {
        this(Path.of("/proc"));
    }

    HostFactsCollector(Path proc) {
        this.proc = proc;
    }

    public HostFacts collect(Path dataDirectory) {
        return collect(dataDirectory, null);
    }

    /** @param hbaFile the cluster's pg_hba.conf; null to look for it (see {@link HostAccessCollector}) */
    public HostFacts collect(Path dataDirectory, Path hbaFile) {
        MountTable mounts = MountTable.read(proc.resolve("self/mountinfo"));
        Map<String, List<String>> holdsByMount = new LinkedHashMap<>();
        Map<String, MountTable.Mount> mountByPoint = new LinkedHashMap<>();
        Map<String, FileStore> stores = new LinkedHashMap<>();
        for (Map.Entry<String, Path> part : parts(dataDirectory).entrySet()) {
            Path real = realPath(part.getValue());
            MountTable.Mount mount = mounts.of(real).orElseThrow(() ->
                    new ProbeEnvironmentException("no mount in " + proc.resolve("self/mountinfo") + " holds " + real));
            holdsByMount.computeIfAbsent(mount.mountPoint(), k -> new ArrayList<>()).add(part.getKey() + " " + real);
            mountByPoint.putIfAbsent(mount.mountPoint(), mount);
            stores.putIfAbsent(mount.mountPoint(), store(real));
        }
        List<HostFilesystem> filesystems = new ArrayList<>();
        holdsByMount.forEach((point, holds) -> {
            MountTable.Mount mount = mountByPoint.get(point);
            FileStore store = stores.get(point);
            filesystems.add(new HostFilesystem(point, mount.type(), mount.device(), holds, usable(store), total(store)));
        });
        long[] memory = new MemoryInfo(proc.resolve("meminfo")).totalAndAvailable();
        return new HostFacts(HostName.read(proc), Instant.now(), dataDirectory.toString(), memory[0], memory[1], filesystems,
                new HostAccessCollector(proc).collect(dataDirectory, hbaFile));
    }

    /** What of the cluster lives where, by a label: the data directory, pg_wal, each tablespace by oid. */
    private static Map<String, Path> parts(Path dataDirectory) {
        if (!Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
            throw new ProbeEnvironmentException(dataDirectory + " is not a PostgreSQL data directory (no PG_VERSION"
                    + " there, or no permission to look: run as the cluster's owner or root)");
        }
        Map<String, Path> parts = new LinkedHashMap<>();
        parts.put("data directory", dataDirectory);
        parts.put("pg_wal", dataDirectory.resolve("pg_wal"));
        Path tablespaces = dataDirectory.resolve("pg_tblspc");
        if (Files.isDirectory(tablespaces)) {
            try (DirectoryStream<Path> links = Files.newDirectoryStream(tablespaces)) {
                List<Path> sorted = new ArrayList<>();
                links.forEach(sorted::add);
                sorted.sort(null);
                sorted.forEach(link -> parts.put("tablespace " + link.getFileName(), link));
            } catch (IOException e) {
                throw new ProbeEnvironmentException("cannot list " + tablespaces + ": " + e.getMessage());
            }
        }
        return parts;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot resolve " + path + ": " + e.getMessage()
                    + " (run as the cluster's owner or root)");
        }
    }

    private static FileStore store(Path path) {
        try {
            return Files.getFileStore(path);
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot read the filesystem of " + path + ": " + e.getMessage());
        }
    }

    private static long usable(FileStore store) {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot read free space of " + store + ": " + e.getMessage());
        }
    }

    private static long total(FileStore store) {
        try {
            return store.getTotalSpace();
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot read the size of " + store + ": " + e.getMessage());
        }
    }
}
