package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects {@link HostSystem} for a running postmaster: its systemd unit from /proc/PID/cgroup and
 * {@code systemctl is-enabled}, its user's password state from /etc/shadow, its binary's package from dpkg and
 * apt-cache (or rpm), pgBackRest's stanzas from {@code pgbackrest info}, and passwords left on the host
 * ({@link HostSecretScanner}). A command the host lacks leaves its part empty. Needs root for /etc/shadow and other
 * users' files and processes.
 */
final class HostSystemCollector {

    private final Path root;
    private final Path proc;

    HostSystemCollector(Path root, Path proc) {
        this.root = root;
        this.proc = proc;
    }

    HostSystem collect(String pid, String postmasterUser) {
        String unit = pid.isEmpty() ? "" : serviceUnit(proc.resolve(pid).resolve("cgroup"));
        String state = unit.isEmpty() || !Files.isDirectory(root.resolve("run/systemd/system")) ? ""
                : output(List.of("systemctl", "is-enabled", unit)).strip();
        List<HostPackage> packages = new ArrayList<>();
        binary(pid).flatMap(PackageLookup::of).ifPresent(packages::add);
        boolean pgbackrest = !output(List.of("pgbackrest", "version")).isBlank();
        return new HostSystem(unit, state, login(postmasterUser), packages, new HostSecretScanner(root, proc).scan(),
                pgbackrest ? stanzas(output(List.of("pgbackrest", "info", "--output=json"))) : List.of(), pgbackrest);
    }

    /** The postmaster's binary as /proc/PID/exe names it; empty when not running or not readable. */
    Optional<Path> binary(String pid) {
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve(pid).resolve("exe")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The last .service of the process's cgroup path (the v2 line 0::, or v1's name=systemd). */
    private static String serviceUnit(Path cgroup) {
        for (String line : lines(cgroup)) {
            if (line.startsWith("0::") || line.contains(":name=systemd:")) {
                String[] parts = line.substring(line.lastIndexOf(':') + 1).split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    if (parts[i].endsWith(".service")) {
                        return parts[i];
                    }
                }
            }
        }
        return "";
    }

    private String login(String user) {
        for (String entry : lines(root.resolve("etc/shadow"))) {
            String[] fields = entry.split(":", -1);
            if (fields.length > 1 && fields[0].equals(user)) {
                String password = fields[1];
                return password.startsWith("!") || password.startsWith("*") ? "locked" : password.isEmpty() ? "empty" : "set";
            }
        }
        return "unknown";
    }

    private static List<HostSystem.BackupStanza> stanzas(String json) {
        List<HostSystem.BackupStanza> stanzas = new ArrayList<>();
        try {
            for (JsonNode stanza : EnvelopeJson.MAPPER.readTree(json.isBlank() ? "[]" : json)) {
                stanzas.add(new HostSystem.BackupStanza(stanza.path("name").asText(""),
                        stanza.path("status").path("message").asText(""), stanza.path("backup").size()));
            }
        } catch (IOException e) {
            return List.of();
        }
        return stanzas;
    }

    /** A short command's stdout; empty when the host does not have the command. */
    static String output(List<String> command) {
        try {
            return Processes.output(command);
        } catch (ProbeEnvironmentException e) {
            return "";
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
