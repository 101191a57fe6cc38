package dev.pgwarden.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the probe saw of the database host besides latencies: the filesystems holding the cluster and the
 * machine's memory, at one moment.
 *
 * @param dataDirectory         the cluster's data directory, as the path given or found (not resolved)
 * @param memoryTotalBytes      MemTotal of /proc/meminfo
 * @param memoryAvailableBytes  MemAvailable of /proc/meminfo: what can be had without swapping
 * @param access                who runs the cluster and who may reach its files; null in envelopes written
 *                              before pgwarden collected it
 */
public record HostFacts(String host, Instant collectedAt, String dataDirectory, long memoryTotalBytes,
                        long memoryAvailableBytes, List<HostFilesystem> filesystems, HostAccess access) {

    public HostFacts {
        Objects.requireNonNull(host, "host must not be null");
        Objects.requireNonNull(collectedAt, "collectedAt must not be null");
        Objects.requireNonNull(dataDirectory, "dataDirectory must not be null");
        filesystems = List.copyOf(filesystems);
    }

    /** Host facts without {@link HostAccess}, as envelopes written before it was collected carry them. */
    public HostFacts(String host, Instant collectedAt, String dataDirectory, long memoryTotalBytes, long memoryAvailableBytes,
            List<HostFilesystem> filesystems) {
        this(host, collectedAt, dataDirectory, memoryTotalBytes, memoryAvailableBytes, filesystems, null);
    }
}
