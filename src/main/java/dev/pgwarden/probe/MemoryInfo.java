package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** MemTotal and MemAvailable from /proc/meminfo, in bytes. */
final class MemoryInfo {

    private final Path meminfo;

    MemoryInfo(Path meminfo) {
        this.meminfo = meminfo;
    }

    long[] totalAndAvailable() {
        long total = -1;
        long available = -1;
        try {
            for (String line : Files.readAllLines(meminfo)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 2 && fields[0].equals("MemTotal:")) {
                    total = kilobytes(fields);
                } else if (fields.length >= 2 && fields[0].equals("MemAvailable:")) {
                    available = kilobytes(fields);
                }
            }
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot read " + meminfo + ": " + e.getMessage());
        }
        if (total < 0 || available < 0) {
            throw new ProbeEnvironmentException(meminfo + " has no MemTotal or MemAvailable line");
        }
        return new long[] {total, available};
    }

    /** The value is in kB (KiB) whatever the unit column says. */
    private static long kilobytes(String[] fields) {
        return Long.parseLong(fields[1]) * 1024;
    }
}
