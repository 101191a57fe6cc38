package dev.pgwarden.probe;

import java.util.List;
import java.util.Objects;

/**
 * One filesystem of the database host that holds part of a cluster, as statvfs reports it.
 *
 * @param mountPoint  where it is mounted, from /proc/self/mountinfo
 * @param holds       what of the cluster it holds: {@code data directory /path}, {@code pg_wal /path},
 *                    {@code tablespace 16385 /path}
 * @param freeBytes   bytes a non-root process may still write (statvfs f_bavail × f_frsize): the server runs
 *                    as an ordinary user, so blocks reserved for root do not count
 * @param totalBytes  the filesystem's size
 * @param freeFraction free as a fraction of the total; 1 for a filesystem that reports no size
 */
public record HostFilesystem(String mountPoint, String type, String device, List<String> holds,
                             long freeBytes, long totalBytes, double freeFraction) {

    public HostFilesystem(String mountPoint, String type, String device, List<String> holds, long freeBytes, long totalBytes) {
        this(mountPoint, type, device, holds, freeBytes, totalBytes, totalBytes == 0 ? 1.0 : (double) freeBytes / totalBytes);
    }

    public HostFilesystem {
        Objects.requireNonNull(mountPoint, "mountPoint must not be null");
        holds = List.copyOf(holds);
        if (freeBytes < 0 || totalBytes < 0) {
            throw new IllegalArgumentException("free and total bytes must not be negative, were " + freeBytes + ", " + totalBytes);
        }
    }
}
