package dev.pgwarden.probe;

import java.util.List;
import java.util.Objects;

/**
 * The package the running postmaster's binary belongs to, as the host's package manager records it: the CIS
 * controls on packages (1.1, 1.1.1, 1.5) read it.
 *
 * @param name      the package, such as postgresql-15
 * @param version   the installed version, such as 15.18-0+deb12u1
 * @param candidate the newest version the host's configured repositories offer (apt-cache policy's Candidate, as
 *                  of the host's last package list update); empty when the package manager does not say
 * @param origins   the repositories that offer the installed version (apt-cache policy's sources, the local
 *                  status file left out; rpm's vendor); empty when none does
 * @param binary    the postmaster's binary the package was looked up by
 */
public record HostPackage(String name, String version, String candidate, List<String> origins, String binary) {

    public HostPackage {
        Objects.requireNonNull(name, "name must not be null");
        version = version == null ? "" : version;
        candidate = candidate == null ? "" : candidate;
        origins = origins == null ? List.of() : List.copyOf(origins);
        binary = binary == null ? "" : binary;
    }

    /** Whether PostgreSQL's own repository (apt.postgresql.org, download.postgresql.org) built or offers it. */
    public boolean fromPgdg() {
        return version.contains("pgdg") || origins.stream().anyMatch(o -> o.contains("postgresql.org") || o.contains("PGDG"));
    }

    /** Whether the repositories offer a newer version than the installed one. */
    public boolean outdated() {
        return !candidate.isEmpty() && !candidate.equals(version);
    }

    /** The origins as one line for messages. */
    public String originsText() {
        return origins.isEmpty() ? "no configured repository" : String.join(", ", origins);
    }
}
