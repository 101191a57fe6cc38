package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's name from procfs, "unknown" when it cannot be read. */
final class HostName {

    private HostName() {
    }

    static String read(Path proc) {
        try {
            String name = Files.readString(proc.resolve("sys/kernel/hostname")).strip();
            return name.isEmpty() ? "unknown" : name;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
